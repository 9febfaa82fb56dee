import type { TPerson } from '@kap/shared';
import { Alert, Button, Group, Modal, Radio, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { useMembers } from '../members/use-members.ts';
import { personDisplayName, primaryOf } from '../people/person-name.ts';
import { mergePeople } from './c360-api.ts';
import { useCustomFields, useLifecycleStages } from './use-c360.ts';

/** Fields the user picks a surviving value for; lists (emails, tags...) are combined by the server. */
const SCALAR_FIELDS = [
  'firstName',
  'lastName',
  'displayName',
  'jobTitle',
  'lifecycleStage',
  'leadSource',
  'birthDate',
  'gender',
  'preferredLanguage',
  'preferredChannel',
  'timezone',
  'ownerId',
] as const;

function show(person: TPerson, field: string): string {
  const value = field.startsWith('customFields.')
    ? person.customFields[field.slice('customFields.'.length)]
    : person[field as (typeof SCALAR_FIELDS)[number]];
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

type TProps = { opened: boolean; onClose: () => void; survivor: TPerson; others: TPerson[] };

export function MergeDialog({ opened, onClose, survivor, others }: TProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const people = useMemo(() => [survivor, ...others], [survivor, others]);
  const [survivorId, setSurvivorId] = useState(survivor.id);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const customFields = useCustomFields('person').data?.data ?? [];
  const stages = useLifecycleStages().data?.stages ?? [];
  const { members } = useMembers();
  /** The value as the user knows it: stage and owner by name, not by key or id. */
  const display = (p: TPerson, field: string) => {
    const raw = show(p, field);
    if (field === 'lifecycleStage') return stages.find((s) => s.key === raw)?.label ?? raw;
    if (field === 'ownerId') return members.find((m) => m.userId === raw)?.name ?? raw;
    return raw;
  };
  const customKeys = [...new Set(people.flatMap((p) => Object.keys(p.customFields)))].map(
    (key) => `customFields.${key}`,
  );
  const differing = [...SCALAR_FIELDS, ...customKeys].filter(
    (field) => new Set(people.map((p) => show(p, field))).size > 1,
  );
  const fieldLabel = (field: string) =>
    field.startsWith('customFields.')
      ? (customFields.find((f) => `customFields.${f.key}` === field)?.label ?? field.slice(13))
      : t(`c360.mergeField.${field as (typeof SCALAR_FIELDS)[number]}`);
  const merge = useMutation({
    mutationFn: () => {
      const fieldChoices: Record<string, string> = {};
      for (const field of differing) {
        const chosen = choices[field];
        if (chosen && chosen !== survivorId) fieldChoices[field] = chosen;
      }
      return mergePeople({
        survivorId,
        mergedIds: people.filter((p) => p.id !== survivorId).map((p) => p.id),
        fieldChoices: Object.keys(fieldChoices).length ? fieldChoices : undefined,
      });
    },
    onSuccess: async (merged) => {
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      void queryClient.invalidateQueries({ queryKey: ['duplicates'] });
      notifications.show({
        color: 'teal',
        message: t('c360.merge.done', { name: personDisplayName(merged, t) }),
      });
      onClose();
      await navigate(`/contacts/${merged.id}`, { replace: true });
    },
  });
  const merged = people.filter((p) => p.id !== survivorId);
  const moved = [
    t('c360.merge.movesActivities'),
    t('c360.merge.movesTasks'),
    t('c360.merge.movesLists', {
      emails: merged.flatMap((p) => p.emails).length,
      phones: merged.flatMap((p) => p.phones).length,
      tags: merged.flatMap((p) => p.tags).length,
    }),
  ];

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('c360.merge.title')}
      size="xl"
      data-testid="merge-dialog"
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('c360.merge.intro')}
        </Text>
        <ScrollArea type="auto">
          <Table withTableBorder withColumnBorders miw={480} data-testid="merge-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('c360.merge.field')}</Table.Th>
                {people.map((p) => (
                  <Table.Th key={p.id}>
                    <Radio
                      checked={survivorId === p.id}
                      onChange={() => setSurvivorId(p.id)}
                      label={
                        <Stack gap={0}>
                          <Text size="sm" fw={600}>
                            {personDisplayName(p, t)}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {survivorId === p.id ? t('c360.merge.keeps') : (primaryOf(p.emails)?.email ?? '')}
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
                  <Table.Td colSpan={people.length + 1}>
                    <Text size="sm" c="dimmed">
                      {t('c360.merge.noConflicts')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {differing.map((field) => {
                const chosen = choices[field] ?? survivorId;
                return (
                  <Table.Tr key={field}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {fieldLabel(field)}
                      </Text>
                    </Table.Td>
                    {people.map((p) => (
                      <Table.Td
                        key={p.id}
                        bg={chosen === p.id ? 'var(--mantine-color-indigo-light)' : undefined}
                      >
                        <Radio
                          size="xs"
                          name={`merge-${field}`}
                          checked={chosen === p.id}
                          onChange={() => setChoices((c) => ({ ...c, [field]: p.id }))}
                          label={display(p, field) || '—'}
                          aria-label={`${fieldLabel(field)}: ${display(p, field) || '—'}`}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        <Alert color="indigo" variant="light" title={t('c360.merge.whatMoves')}>
          <Stack gap={2}>
            {moved.map((line) => (
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
            {t('c360.merge.confirm', { n: merged.length + 1 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
