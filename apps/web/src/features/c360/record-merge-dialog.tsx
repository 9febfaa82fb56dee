import type { TCustomField } from '@kap/shared';
import { Alert, Button, Group, Modal, Radio, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';

type TMergeable = { id: string; customFields: Record<string, unknown> };

/** What differs between a person merge and a company merge; the dialog itself is the same. */
export type TMergeKind<T extends TMergeable> = {
  /** The scalar fields the user picks a surviving value for, with their labels. */
  fields: { id: string; label: string }[];
  /** A field's value as the user knows it (names, not ids), '' when empty. */
  display: (record: T, field: string) => string;
  titleOf: (record: T) => string;
  subtitleOf: (record: T) => string;
  /** What moves to the survivor, one line each, from the records being merged away. */
  movedLines: (merged: T[], survivor: T | undefined) => string[];
  customFields: TCustomField[];
  text: { title: string; intro: string; confirm: (n: number) => string };
  merge: (body: {
    survivorId: string;
    mergedIds: string[];
    fieldChoices?: Record<string, string>;
  }) => Promise<{ survivorId: string; name: string }>;
  /** Query keys whose data the merge makes stale. */
  invalidates: string[][];
  hrefOf: (id: string) => string;
};

const rawOf = (record: TMergeable, field: string, display: (field: string) => string) =>
  field.startsWith('customFields.')
    ? JSON.stringify(record.customFields[field.slice('customFields.'.length)] ?? null)
    : display(field);

/**
 * Merge 2+ records: choose the record that stays, then the surviving value of each field where
 * they differ (lists such as emails, domains and tags are combined by the server).
 */
export function RecordMergeDialog<T extends TMergeable>({
  opened,
  onClose,
  records,
  kind,
}: {
  opened: boolean;
  onClose: () => void;
  /** The record the dialog was opened from first; it stays unless the user picks another. */
  records: T[];
  kind: TMergeKind<T>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [survivorId, setSurvivorId] = useState(records[0]?.id ?? '');
  const [choices, setChoices] = useState<Record<string, string>>({});
  const customKeys = [...new Set(records.flatMap((r) => Object.keys(r.customFields)))].map((key) => ({
    id: `customFields.${key}`,
    label: kind.customFields.find((f) => f.key === key)?.label ?? key,
  }));
  const differing = [...kind.fields, ...customKeys].filter(
    (field) => new Set(records.map((r) => rawOf(r, field.id, (f) => kind.display(r, f)))).size > 1,
  );
  const merged = records.filter((r) => r.id !== survivorId);
  const merge = useMutation({
    mutationFn: () => {
      const fieldChoices: Record<string, string> = {};
      for (const field of differing) {
        const chosen = choices[field.id];
        if (chosen && chosen !== survivorId) fieldChoices[field.id] = chosen;
      }
      return kind.merge({
        survivorId,
        mergedIds: merged.map((r) => r.id),
        fieldChoices: Object.keys(fieldChoices).length ? fieldChoices : undefined,
      });
    },
    onSuccess: async (result) => {
      for (const queryKey of kind.invalidates) void queryClient.invalidateQueries({ queryKey });
      notifications.show({ color: 'teal', message: t('c360.merge.done', { name: result.name }) });
      onClose();
      await navigate(kind.hrefOf(result.survivorId), { replace: true });
    },
  });

  return (
    <Modal opened={opened} onClose={onClose} title={kind.text.title} size="xl" data-testid="merge-dialog">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {kind.text.intro}
        </Text>
        <ScrollArea type="auto">
          <Table withTableBorder withColumnBorders miw={480} data-testid="merge-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={160}>{t('c360.merge.field')}</Table.Th>
                {records.map((r) => (
                  <Table.Th key={r.id}>
                    <Radio
                      checked={survivorId === r.id}
                      onChange={() => setSurvivorId(r.id)}
                      label={
                        <Stack gap={0}>
                          <Text size="sm" fw={600}>
                            {kind.titleOf(r)}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {survivorId === r.id ? t('c360.merge.keeps') : kind.subtitleOf(r)}
                          </Text>
                        </Stack>
                      }
                      name="merge-survivor"
                      data-testid="merge-survivor"
                    />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {differing.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={records.length + 1}>
                    <Text size="sm" c="dimmed">
                      {t('c360.merge.noConflicts')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {differing.map((field) => {
                const chosen = choices[field.id] ?? survivorId;
                return (
                  <Table.Tr key={field.id} data-testid="merge-row" data-field={field.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {field.label}
                      </Text>
                    </Table.Td>
                    {records.map((r) => {
                      const shown = kind.display(r, field.id) || '—';
                      return (
                        <Table.Td
                          key={r.id}
                          bg={chosen === r.id ? 'var(--mantine-color-indigo-light)' : undefined}
                        >
                          <Radio
                            size="xs"
                            name={`merge-${field.id}`}
                            checked={chosen === r.id}
                            onChange={() => setChoices((c) => ({ ...c, [field.id]: r.id }))}
                            label={shown}
                            aria-label={`${field.label}: ${shown}`}
                            data-testid="merge-choice"
                          />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        <Alert color="indigo" variant="light" title={t('c360.merge.whatMoves')}>
          <Stack gap={2}>
            {kind
              .movedLines(
                merged,
                records.find((r) => r.id === survivorId),
              )
              .map((line) => (
                <Text key={line} size="sm">
                  • {line}
                </Text>
              ))}
            <Text size="sm">• {t('c360.merge.redirect')}</Text>
          </Stack>
        </Alert>
        {merge.isError && (
          <Alert color="red">
            {isApiError(merge.error, 'NOT_FOUND') ? t('c360.notAvailable') : describeError(merge.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => merge.mutate()}
            loading={merge.isPending}
            data-testid="merge-confirm"
          >
            {kind.text.confirm(merged.length + 1)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
