import type { TExternalId } from '@kap/shared';
import { ActionIcon, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFieldErrors } from '../lib/form-errors.ts';

/** One entry of the editor: `source:id` as typed; `key` keeps React rows stable. */
export type TExternalIdRow = { key: string; text: string };

const MAX_EXTERNAL_IDS = 20;

export const externalIdText = (externalId: TExternalId): string => `${externalId.source}:${externalId.id}`;

/** "hubspot:1234, erp:C-9": how a record's external ids read on its page. */
export const externalIdsText = (externalIds: readonly TExternalId[]): string =>
  externalIds.map(externalIdText).join(', ');

export const externalIdRowsOf = (externalIds: readonly TExternalId[]): TExternalIdRow[] =>
  externalIds.map((externalId) => ({ key: crypto.randomUUID(), text: externalIdText(externalId) }));

/** "hubspot:1234" → {source, id}; text without ":" goes with an empty source, which the API refuses there. */
function parseExternalId(text: string): TExternalId {
  const colon = text.indexOf(':');
  return colon < 0
    ? { source: '', id: text.trim() }
    : { source: text.slice(0, colon).trim(), id: text.slice(colon + 1).trim() };
}

/**
 * The rows as the API takes them (blank ones left out), and `toRowPath`, which turns an error path
 * of the request (`externalIds.<sent index>.id`) into the row's (`externalIds.<row index>.id`).
 */
export function externalIdsOfRows(rows: readonly TExternalIdRow[]) {
  const rowIndexes: number[] = [];
  const externalIds: TExternalId[] = [];
  rows.forEach((row, index) => {
    if (row.text.trim() === '') return;
    rowIndexes.push(index);
    externalIds.push(parseExternalId(row.text));
  });
  const toRowPath = (path: string): string =>
    path.replace(/^externalIds\.(\d+)/, (match, index: string) => {
      const row = rowIndexes[Number(index)];
      return row === undefined ? match : `externalIds.${row}`;
    });
  return { externalIds, toRowPath };
}

/** The message for a row: the entry itself, its source or its id (paths in row terms). */
const rowErrorOf = (errors: TFieldErrors, index: number) =>
  errors[`externalIds.${index}`] ??
  errors[`externalIds.${index}.source`] ??
  errors[`externalIds.${index}.id`];

type TProps = {
  rows: TExternalIdRow[];
  onChange: (rows: TExternalIdRow[]) => void;
  /** Errors by row path (`externalIds.<row>.id`); `externalIds` itself shows under the list. */
  errors: TFieldErrors;
  description?: string;
  /** Test ids: `<testIdPrefix>-external-id-<i>`, `<testIdPrefix>-add-external-id`. */
  testIdPrefix: string;
};

/**
 * External ids (the ids other systems give a record) as `source:id` entries, one input each, so
 * that an id another record holds (409 at `externalIds.<i>.id`) is named under its own entry.
 */
export function ExternalIdsEditor({ rows, onChange, errors, description, testIdPrefix }: TProps) {
  const { t } = useTranslation();
  const update = (index: number, text: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, text } : row)));
  return (
    <Input.Wrapper
      label={t('c360.fields.externalIds')}
      description={description}
      error={errors.externalIds}
      inputWrapperOrder={['label', 'description', 'input', 'error']}
    >
      <Stack gap={6} mt={4}>
        {rows.map((row, index) => (
          <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              value={row.text}
              placeholder="hubspot:1234"
              aria-label={t('c360.externalIds.entry', { n: index + 1 })}
              error={rowErrorOf(errors, index)}
              onChange={(event) => update(index, event.currentTarget.value)}
              data-testid={`${testIdPrefix}-external-id-${index}`}
            />
            <ActionIcon
              mt={4}
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
              aria-label={t('common.remove')}
              data-testid={`${testIdPrefix}-external-id-remove-${index}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {rows.length < MAX_EXTERNAL_IDS && (
          <Group>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              onClick={() => onChange([...rows, { key: crypto.randomUUID(), text: '' }])}
              data-testid={`${testIdPrefix}-add-external-id`}
            >
              {t('c360.externalIds.add')}
            </Button>
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
