import type { TCustomField } from '@kap/shared';
import { Checkbox, Group, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../members/use-members.ts';
import { RecordPicker } from './record-picker.tsx';

type TProps = { field: TCustomField; value: unknown; onChange: (value: unknown) => void; error?: string };

const asString = (value: unknown) => (typeof value === 'string' ? value : '');

/** `2026-11-23T10:00:00.000Z` → `2026-11-23T12:00` in the browser's zone, for datetime-local. */
function isoToLocal(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** One input per custom-field type; the value is what the API stores (null clears). */
export function CustomFieldInput({ field, value, onChange, error }: TProps) {
  const { t } = useTranslation();
  const { members } = useMembers({ enabled: field.type === 'user' });
  const common = { label: field.label, error, 'data-testid': `cf-${field.key}` };
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: o.label }));
  switch (field.type) {
    case 'longText':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={asString(value)}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        />
      );
    case 'currency': {
      const money = (value ?? {}) as { amount?: string; currency?: string };
      const update = (patch: { amount?: string; currency?: string }) => {
        const next = { amount: money.amount ?? '', currency: money.currency ?? '', ...patch };
        onChange(next.amount ? next : null);
      };
      return (
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            {...common}
            inputMode="decimal"
            style={{ flex: 1 }}
            value={money.amount ?? ''}
            onChange={(e) => update({ amount: e.currentTarget.value })}
          />
          <TextInput
            label={t('c360.fields.currency')}
            w={90}
            maxLength={3}
            value={money.currency ?? ''}
            onChange={(e) => update({ currency: e.currentTarget.value.toUpperCase() })}
          />
        </Group>
      );
    }
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={asString(value)}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    case 'datetime':
      return (
        <TextInput
          {...common}
          type="datetime-local"
          value={isoToLocal(value)}
          onChange={(e) =>
            onChange(e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : null)
          }
        />
      );
    case 'boolean':
      return (
        <Checkbox
          mt="lg"
          label={field.label}
          data-testid={`cf-${field.key}`}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          clearable
          data={options}
          value={asString(value) || null}
          onChange={(next) => onChange(next)}
        />
      );
    case 'multiSelect':
      return (
        <MultiSelect
          {...common}
          clearable
          data={options}
          value={Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []}
          onChange={(next) => onChange(next.length ? next : null)}
        />
      );
    case 'user':
      return (
        <Select
          {...common}
          clearable
          searchable
          data={members.map((m) => ({ value: m.userId, label: m.name }))}
          value={asString(value) || null}
          onChange={(next) => onChange(next)}
        />
      );
    case 'relation': {
      const type = field.relation?.objectType;
      if (type === 'person' || type === 'company') {
        return (
          <RecordPicker
            type={type}
            label={field.label}
            error={error}
            value={asString(value) || null}
            onChange={(id) => onChange(id)}
            testId={`cf-${field.key}`}
          />
        );
      }
      return (
        <TextInput
          {...common}
          placeholder={t('c360.fields.recordId')}
          value={asString(value)}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    }
    case 'url':
    case 'email':
    case 'phone':
    case 'text':
      return (
        <TextInput
          {...common}
          type={
            field.type === 'url'
              ? 'url'
              : field.type === 'email'
                ? 'email'
                : field.type === 'phone'
                  ? 'tel'
                  : 'text'
          }
          value={asString(value)}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
  }
}

/** A custom-field value as text for read-only display. */
export function formatCustomValue(field: TCustomField, value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (field.type === 'boolean') return value ? yes : no;
  if (field.type === 'currency' && typeof value === 'object') {
    const money = value as { amount?: string; currency?: string };
    return `${money.amount ?? ''} ${money.currency ?? ''}`.trim();
  }
  const label = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (field.type === 'select') return label(value);
  return String(value);
}
