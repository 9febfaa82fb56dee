import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../members/use-members.ts';
import type { TFilter, TFilterCondition } from './c360-api.ts';
import { OPERATORS, type TFieldDef, VALUELESS_OPS } from './person-fields.ts';
import { RecordPicker } from './record-picker.tsx';

/** The builder's own shape: one root group whose items are conditions or one-level sub-groups. */
export type TGroup = { combinator: 'and' | 'or'; items: (TFilterCondition | TGroup)[] };

/**
 * Rows are keyed by position on purpose: every edit replaces the row object, so an identity key would
 * remount the row (and lose focus) on each keystroke; all inputs are controlled, so position is enough.
 */
const rowKey = (index: number) => `row-${index}`;

const defaultValueFor = (op: string): unknown => (op === 'inLast' ? { amount: 30, unit: 'days' } : undefined);

export const isGroup = (item: TFilterCondition | TGroup): item is TGroup => 'items' in item;

const isComplete = (c: TFilterCondition) =>
  c.field !== '' &&
  c.op !== '' &&
  (VALUELESS_OPS.has(c.op) ||
    (c.value !== undefined &&
      c.value !== null &&
      c.value !== '' &&
      !(Array.isArray(c.value) && c.value.length === 0)));

/** Builder state → the API's `{"and": [...]}`; unfinished rows are left out. */
export function toApiFilter(group: TGroup): TFilter | null {
  const parts: (TFilterCondition | TFilter)[] = [];
  for (const item of group.items) {
    if (isGroup(item)) {
      const sub = toApiFilter(item);
      if (sub) parts.push(sub);
    } else if (isComplete(item)) {
      parts.push(VALUELESS_OPS.has(item.op) ? { field: item.field, op: item.op } : item);
    }
  }
  if (parts.length === 0) return null;
  return group.combinator === 'and' ? { and: parts } : { or: parts };
}

export function fromApiFilter(filter: TFilter | null | undefined): TGroup {
  if (!filter) return { combinator: 'and', items: [] };
  const combinator = filter.or ? 'or' : 'and';
  const parts = filter.or ?? filter.and ?? [];
  return {
    combinator,
    items: parts.map((part) =>
      'field' in part ? (part as TFilterCondition) : fromApiFilter(part as TFilter),
    ),
  };
}

function ValueInput({
  def,
  condition,
  onChange,
}: {
  def: TFieldDef;
  condition: TFilterCondition;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  const { members } = useMembers({ enabled: def.kind === 'user' });
  const { op, value } = condition;
  const label = t('c360.filter.value');
  if (VALUELESS_OPS.has(op)) return null;
  if (op === 'inLast') {
    const v = (value ?? { amount: 30, unit: 'days' }) as { amount: number; unit: string };
    return (
      <Group gap={4} wrap="nowrap">
        <NumberInput
          size="xs"
          w={70}
          min={1}
          value={v.amount}
          aria-label={label}
          onChange={(n) => onChange({ ...v, amount: typeof n === 'number' ? n : 1 })}
        />
        <Select
          size="xs"
          w={110}
          allowDeselect={false}
          aria-label={t('c360.filter.unit')}
          value={v.unit}
          onChange={(u) => onChange({ ...v, unit: u ?? 'days' })}
          data={['days', 'weeks', 'months', 'years'].map((u) => ({
            value: u,
            label: t(`c360.filter.units.${u.slice(0, -1) as 'day'}`),
          }))}
        />
      </Group>
    );
  }
  if (op === 'between') {
    const [a, b] = Array.isArray(value) ? value : ['', ''];
    const type = def.kind === 'date' ? 'date' : 'number';
    return (
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          w={130}
          type={type}
          aria-label={t('c360.filter.from')}
          value={String(a ?? '')}
          onChange={(e) =>
            onChange([type === 'number' ? Number(e.currentTarget.value) : e.currentTarget.value, b])
          }
        />
        <Text size="xs">–</Text>
        <TextInput
          size="xs"
          w={130}
          type={type}
          aria-label={t('c360.filter.to')}
          value={String(b ?? '')}
          onChange={(e) =>
            onChange([a, type === 'number' ? Number(e.currentTarget.value) : e.currentTarget.value])
          }
        />
      </Group>
    );
  }
  if (def.kind === 'record' && def.relationType) {
    return (
      <RecordPicker
        type={def.relationType}
        size="xs"
        w={200}
        value={typeof value === 'string' ? value : null}
        onChange={(id) => onChange(id ?? undefined)}
        testId="filter-value"
      />
    );
  }
  const options =
    def.kind === 'user'
      ? members.map((m) => ({ value: m.userId, label: m.name }))
      : def.kind === 'boolean'
        ? [
            { value: 'true', label: t('c360.yes') },
            { value: 'false', label: t('c360.no') },
          ]
        : (def.options ?? []);
  if (op === 'in') {
    return options.length > 0 ? (
      <MultiSelect
        size="xs"
        miw={180}
        searchable
        aria-label={label}
        data={options}
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={onChange}
        data-testid="filter-value"
      />
    ) : (
      <TagsInput
        size="xs"
        miw={180}
        aria-label={label}
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={onChange}
        data-testid="filter-value"
      />
    );
  }
  if (def.kind === 'boolean') {
    return (
      <Select
        size="xs"
        w={110}
        aria-label={label}
        data={options}
        value={value === undefined ? null : String(value)}
        onChange={(v) => onChange(v === 'true')}
        data-testid="filter-value"
      />
    );
  }
  if (options.length > 0) {
    return (
      <Select
        size="xs"
        miw={160}
        searchable
        aria-label={label}
        data={options}
        value={typeof value === 'string' ? value : null}
        onChange={onChange}
        data-testid="filter-value"
      />
    );
  }
  if (def.kind === 'number') {
    return (
      <NumberInput
        size="xs"
        w={130}
        aria-label={label}
        value={typeof value === 'number' ? value : ''}
        onChange={(n) => onChange(typeof n === 'number' ? n : undefined)}
        data-testid="filter-value"
      />
    );
  }
  return (
    <TextInput
      size="xs"
      miw={160}
      type={def.kind === 'date' ? 'date' : 'text'}
      aria-label={label}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.currentTarget.value)}
      data-testid="filter-value"
    />
  );
}

function ConditionRow({
  fields,
  condition,
  onChange,
  onRemove,
}: {
  fields: TFieldDef[];
  condition: TFilterCondition;
  onChange: (c: TFilterCondition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const def = fields.find((f) => f.id === condition.field);
  return (
    <Group gap={6} wrap="wrap" data-testid="filter-condition">
      <Select
        size="xs"
        w={180}
        searchable
        placeholder={t('c360.filter.field')}
        aria-label={t('c360.filter.field')}
        data={fields.map((f) => ({ value: f.id, label: f.label }))}
        value={condition.field || null}
        onChange={(field) => {
          const next = fields.find((f) => f.id === field);
          const op = next ? (OPERATORS[next.kind][0] ?? 'eq') : '';
          onChange({ field: field ?? '', op, value: defaultValueFor(op) });
        }}
        data-testid="filter-field"
      />
      {def && (
        <Select
          size="xs"
          w={150}
          allowDeselect={false}
          aria-label={t('c360.filter.operator')}
          data={OPERATORS[def.kind].map((op) => ({ value: op, label: t(`c360.filter.ops.${op as 'eq'}`) }))}
          value={condition.op}
          onChange={(op) => onChange({ ...condition, op: op ?? 'eq', value: defaultValueFor(op ?? 'eq') })}
          data-testid="filter-operator"
        />
      )}
      {def && (
        <ValueInput def={def} condition={condition} onChange={(value) => onChange({ ...condition, value })} />
      )}
      <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={t('c360.filter.remove')}>
        <IconTrash size={14} />
      </ActionIcon>
    </Group>
  );
}

function GroupEditor({
  fields,
  group,
  onChange,
  depth,
}: {
  fields: TFieldDef[];
  group: TGroup;
  onChange: (g: TGroup) => void;
  depth: number;
}) {
  const { t } = useTranslation();
  const setItem = (index: number, item: TFilterCondition | TGroup | null) =>
    onChange({
      ...group,
      items:
        item === null
          ? group.items.filter((_, i) => i !== index)
          : group.items.map((x, i) => (i === index ? item : x)),
    });
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {t('c360.filter.match')}
        </Text>
        <SegmentedControl
          size="xs"
          value={group.combinator}
          onChange={(v) => onChange({ ...group, combinator: v as 'and' | 'or' })}
          data={[
            { value: 'and', label: t('c360.filter.all') },
            { value: 'or', label: t('c360.filter.any') },
          ]}
          data-testid={depth === 0 ? 'filter-combinator' : undefined}
        />
      </Group>
      {group.items.map((item, index) =>
        isGroup(item) ? (
          <Paper key={rowKey(index)} withBorder p="xs" radius="sm" bg="gray.0">
            <Group align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ flex: 1 }}>
                <GroupEditor
                  fields={fields}
                  group={item}
                  onChange={(g) => setItem(index, g)}
                  depth={depth + 1}
                />
              </div>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => setItem(index, null)}
                aria-label={t('c360.filter.removeGroup')}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          </Paper>
        ) : (
          <ConditionRow
            key={rowKey(index)}
            fields={fields}
            condition={item}
            onChange={(c) => setItem(index, c)}
            onRemove={() => setItem(index, null)}
          />
        ),
      )}
      <Group gap="xs">
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange({ ...group, items: [...group.items, { field: '', op: '' }] })}
          data-testid={depth === 0 ? 'filter-add' : undefined}
        >
          {t('c360.filter.addCondition')}
        </Button>
        {depth === 0 && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={12} />}
            onClick={() =>
              onChange({
                ...group,
                items: [
                  ...group.items,
                  { combinator: group.combinator === 'and' ? 'or' : 'and', items: [{ field: '', op: '' }] },
                ],
              })
            }
            data-testid="filter-add-group"
          >
            {t('c360.filter.addGroup')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

export function FilterBuilder({
  fields,
  value,
  onChange,
}: {
  fields: TFieldDef[];
  value: TGroup;
  onChange: (g: TGroup) => void;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid="filter-builder">
      <GroupEditor fields={fields} group={value} onChange={onChange} depth={0} />
    </Paper>
  );
}
