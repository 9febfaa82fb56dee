import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconMail, IconPhone, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFieldErrors } from '../../lib/form-errors.ts';
import { LABELS, newRow, type TContactPointKind, type TContactPointRow } from './person-form-values.ts';

type TContactPointsEditorProps = {
  kind: TContactPointKind;
  rows: TContactPointRow[];
  errors: TFieldErrors;
  onChange: (rows: TContactPointRow[], touchedPath?: string) => void;
};

const MAX_ROWS = 20;

export function ContactPointsEditor({ kind, rows, errors, onChange }: TContactPointsEditorProps) {
  const { t } = useTranslation();
  const isEmail = kind === 'emails';
  const valueField = isEmail ? 'email' : 'number';
  const singular = isEmail ? 'email' : 'phone';

  const update = (index: number, patch: Partial<TContactPointRow>, touchedPath?: string) =>
    onChange(
      rows.map((row, i) => (i === index ? { ...row, ...patch } : row)),
      touchedPath,
    );

  const setPrimary = (index: number) => onChange(rows.map((row, i) => ({ ...row, isPrimary: i === index })));

  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    const first = next[0];
    if (first && !next.some((row) => row.isPrimary)) next[0] = { ...first, isPrimary: true };
    onChange(next);
  };

  const labelOptions = (current: string) => {
    const known = LABELS[kind].map((label) => ({ value: label, label: t(`labels.${label}`) }));
    return LABELS[kind].some((label) => label === current)
      ? known
      : [...known, { value: current, label: current }];
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {isEmail ? t('fields.emails') : t('fields.phones')}
        </Text>
        {rows.length > 1 && (
          <Text size="xs" c="dimmed">
            {t('people.primaryHint')}
          </Text>
        )}
      </Group>
      {rows.map((row, index) => {
        const path = `${kind}.${index}.${valueField}`;
        return (
          // On phones the label, primary and remove controls wrap under the address.
          <Group key={row.key} gap="xs" align="flex-start" wrap="wrap" style={{ rowGap: 6 }}>
            <TextInput
              style={{ flex: '1 1 220px', minWidth: 0 }}
              type={isEmail ? 'email' : 'tel'}
              name={path}
              value={row.value}
              placeholder={isEmail ? t('people.emailPlaceholder') : t('people.phonePlaceholder')}
              aria-label={`${isEmail ? t('fields.email') : t('fields.phone')} ${index + 1}`}
              leftSection={isEmail ? <IconMail size={16} /> : <IconPhone size={16} />}
              error={errors[path] ?? errors[`${kind}.${index}`]}
              onChange={(event) => update(index, { value: event.currentTarget.value }, path)}
              data-testid={`person-${singular}-${index}`}
            />
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <NativeSelect
                w={150}
                name={`${kind}.${index}.label`}
                aria-label={t('fields.label')}
                value={row.label}
                data={labelOptions(row.label)}
                onChange={(event) => update(index, { label: event.currentTarget.value })}
                data-testid={`person-${singular}-label-${index}`}
              />
              <Tooltip label={t('people.makePrimary')}>
                <Radio
                  mt={9}
                  name={`${kind}-primary`}
                  checked={row.isPrimary}
                  onChange={() => setPrimary(index)}
                  aria-label={t('people.makePrimary')}
                  data-testid={`person-${singular}-primary-${index}`}
                />
              </Tooltip>
              <ActionIcon
                mt={4}
                variant="subtle"
                color="gray"
                size="lg"
                onClick={() => remove(index)}
                aria-label={t('common.remove')}
                data-testid={`person-${singular}-remove-${index}`}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
        );
      })}
      {rows.length < MAX_ROWS && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...rows, newRow(kind, rows.length === 0)])}
            data-testid={`person-add-${singular}`}
          >
            {isEmail ? t('people.addEmail') : t('people.addPhone')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
