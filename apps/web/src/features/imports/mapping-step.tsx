import {
  DEFAULT_IMPORT_ORDER_SOURCE,
  IMPORT_NEW_FIELD_TYPES,
  IMPORT_TARGETS,
  type TImport,
  type TImportColumnMapping,
  type TImportMapping,
  type TImportMatchKey,
  type TImportMode,
  type TImportObjectType,
} from '@kap/shared';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconSparkles } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { useCustomFields } from '../c360/use-c360.ts';
import classes from './imports.module.css';
import { listMappingPresets, saveMappingPreset, updateImportMapping } from './imports-api.ts';
import { MATCH_KEYS, MappingOptions } from './mapping-options.tsx';

const NEW_FIELD = '__new__';
const SKIP = '__skip__';

/** Custom fields of the imported records; activities and orders have none. */
const FIELD_TYPES = { person: 'person', company: 'company', product: 'product' } as const;
const fieldTypeOf = (objectType: TImportObjectType) =>
  objectType in FIELD_TYPES ? FIELD_TYPES[objectType as keyof typeof FIELD_TYPES] : null;

/** A custom field key from a column header: ASCII camelCase, else `field<N>`. */
function fieldKeyOf(header: string, index: number): string {
  const words = header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[a-z][A-Za-z0-9]*$/.test(key) ? key.slice(0, 60) : `field${index + 1}`;
}

type TProps = {
  item: TImport;
  onBack: () => void;
  onSaved: (item: TImport) => void;
};

/**
 * Step 2: each column with sample values and the field it fills (Kap's suggestion preselected),
 * "create a custom field" for columns with no field yet, how rows match existing records, and
 * saved mappings to reuse.
 */
export function MappingStep({ item, onBack, onSaved }: TProps) {
  const { t } = useTranslation();
  const objectType = item.objectType;
  const headers = item.shape?.headers ?? [];
  const fieldType = fieldTypeOf(objectType);
  const customFields = useCustomFields(fieldType ?? 'person').data?.data ?? [];
  const presets = useQuery({
    queryKey: ['imports', 'presets', objectType],
    queryFn: () => listMappingPresets(objectType),
  });
  const [columns, setColumns] = useState<TImportColumnMapping[]>(() =>
    headers.map(
      (column) => item.mapping?.columns.find((c) => c.column === column) ?? { column, target: null },
    ),
  );
  const [match, setMatch] = useState<TImportMatchKey[]>(
    item.match.length > 0 ? item.match : MATCH_KEYS[objectType].slice(0, 1),
  );
  const [mode, setMode] = useState<TImportMode>(item.mode);
  const isOrder = objectType === 'order';
  // Orders always have a source (theirs and their customers' external ids'): the server's default.
  const defaultSource = isOrder ? DEFAULT_IMPORT_ORDER_SOURCE : 'file';
  const [externalIdSource, setExternalIdSource] = useState(
    item.mapping?.options.externalIdSource ?? defaultSource,
  );
  const [createMissingCustomers, setCreateMissingCustomers] = useState(
    item.mapping?.options.createMissingCustomers ?? false,
  );
  const [presetName, setPresetName] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Map<number, string>>(new Map());
  const [error, setError] = useState<unknown>(null);

  const targetOptions = useMemo(() => {
    const standard = IMPORT_TARGETS[objectType].map((target) => ({
      value: target.key,
      label: t(`imports.targets.${target.key as 'email'}`),
    }));
    const custom = fieldType
      ? customFields.map((field) => ({ value: `cf.${field.key}`, label: field.label }))
      : [];
    return [
      { group: t('imports.mapping.notImported'), items: [{ value: SKIP, label: t('imports.mapping.skip') }] },
      { group: t('imports.mapping.fields'), items: standard },
      ...(custom.length > 0 ? [{ group: t('imports.mapping.customFields'), items: custom }] : []),
      ...(!fieldType
        ? []
        : [
            {
              group: t('imports.mapping.new'),
              items: [{ value: NEW_FIELD, label: t('imports.mapping.createField') }],
            },
          ]),
    ];
  }, [objectType, fieldType, customFields, t]);

  const samplesOf = (index: number) =>
    item.sampleRows
      .map((row) => row[index] ?? '')
      .filter((value) => value.trim() !== '')
      .slice(0, 3);

  const setColumn = (index: number, next: TImportColumnMapping) =>
    setColumns((current) => current.map((c, i) => (i === index ? next : c)));

  const choose = (index: number, value: string | null) => {
    const column = columns[index];
    if (!column) return;
    if (value === NEW_FIELD) {
      const key = fieldKeyOf(column.column, index);
      setColumn(index, {
        column: column.column,
        target: `cf.${key}`,
        newField: { key, label: column.column, type: 'text' },
      });
    } else {
      setColumn(index, { column: column.column, target: value === SKIP || value === null ? null : value });
    }
  };

  // External ids are matched with their source ("hubspot:1234"): the user names it, "file" if not.
  const hasExternalId = columns.some(
    (c) =>
      c.target !== null && IMPORT_TARGETS[objectType].find((t) => t.key === c.target)?.kind === 'externalId',
  );
  const mapping = (): TImportMapping => {
    const options = item.mapping?.options ?? { dateFormat: 'auto', decimalSeparator: 'auto' };
    const source = externalIdSource.trim() || defaultSource;
    if (isOrder)
      return { columns, options: { ...options, externalIdSource: source, createMissingCustomers } };
    return { columns, options: hasExternalId ? { ...options, externalIdSource: source } : options };
  };

  const applyPreset = (id: string | null) => {
    const preset = presets.data?.data.find((p) => p.id === id);
    if (!preset) return;
    setColumns(
      headers.map(
        (column) => preset.mapping.columns.find((c) => c.column === column) ?? { column, target: null },
      ),
    );
    notifications.show({ message: t('imports.mapping.presetApplied', { name: preset.name }) });
  };

  const savePreset = async () => {
    try {
      await saveMappingPreset({ name: presetName.trim(), objectType, mapping: mapping() });
      setPresetName('');
      await presets.refetch();
      notifications.show({ color: 'teal', message: t('imports.mapping.presetSaved') });
    } catch (caught) {
      notifications.show({ color: 'red', message: describeError(caught, t) });
    }
  };

  const next = async () => {
    setBusy(true);
    setError(null);
    setProblems(new Map());
    try {
      onSaved(await updateImportMapping(item.id, { mapping: mapping(), match, mode }));
    } catch (caught) {
      if (isApiError(caught) && caught.details.length > 0) {
        const byColumn = new Map<number, string>();
        for (const detail of caught.details) {
          const index = /columns\.(\d+)/.exec(detail.path)?.[1];
          if (index !== undefined) byColumn.set(Number(index), detail.message);
        }
        setProblems(byColumn);
      }
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const mappedCount = columns.filter((c) => c.target !== null).length;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed">
          {item.isMappingSuggested && (
            <IconSparkles size={14} style={{ verticalAlign: -2, marginRight: 4 }} />
          )}
          {t('imports.mapping.summary', { mapped: mappedCount, total: columns.length })}
        </Text>
        <Select
          placeholder={t('imports.mapping.usePreset')}
          data={(presets.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onChange={applyPreset}
          disabled={(presets.data?.data.length ?? 0) === 0}
          clearable
          w={240}
          data-testid="import-preset-select"
        />
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" data-testid="import-mapping-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">{t('imports.mapping.column')}</Table.Th>
              <Table.Th w="34%">{t('imports.mapping.samples')}</Table.Th>
              <Table.Th>{t('imports.mapping.target')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {columns.map((column, index) => (
              <Table.Tr key={column.column} data-testid="import-mapping-row" data-column={column.column}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {column.column}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {[...new Set(samplesOf(index))].map((sample) => (
                      <Text key={sample} size="xs" c="dimmed" className={classes.sample}>
                        {sample}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={6}>
                    <Select
                      data={targetOptions}
                      value={column.newField ? NEW_FIELD : (column.target ?? SKIP)}
                      onChange={(value) => choose(index, value)}
                      searchable
                      allowDeselect={false}
                      error={problems.get(index)}
                      aria-label={t('imports.mapping.targetFor', { column: column.column })}
                      data-testid="import-target"
                    />
                    {column.newField && (
                      <Group gap="xs" grow>
                        <TextInput
                          size="xs"
                          label={t('imports.mapping.fieldLabel')}
                          value={column.newField.label}
                          onChange={(event) => {
                            const label = event.currentTarget.value;
                            const field = column.newField;
                            if (field) setColumn(index, { ...column, newField: { ...field, label } });
                          }}
                        />
                        <Select
                          size="xs"
                          label={t('imports.mapping.fieldType')}
                          value={column.newField.type}
                          data={IMPORT_NEW_FIELD_TYPES.map((type) => ({
                            value: type,
                            label: t(`c360.fieldType.${type as 'text'}`),
                          }))}
                          onChange={(type) => {
                            const field = column.newField;
                            if (field && type) setColumn(index, { ...column, newField: { ...field, type } });
                          }}
                          allowDeselect={false}
                        />
                      </Group>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <MappingOptions
        objectType={objectType}
        match={match}
        onMatchChange={setMatch}
        mode={mode}
        onModeChange={setMode}
        isSourceShown={hasExternalId || isOrder}
        source={externalIdSource}
        onSourceChange={setExternalIdSource}
        createMissingCustomers={createMissingCustomers}
        onCreateMissingCustomersChange={setCreateMissingCustomers}
      />
      {error !== null && (
        <Alert color="red" title={t('imports.mapping.invalid')} data-testid="import-mapping-error">
          {describeError(error, t)}
        </Alert>
      )}
      <Group justify="space-between">
        <Group gap="xs">
          <TextInput
            placeholder={t('imports.mapping.presetName')}
            value={presetName}
            onChange={(event) => setPresetName(event.currentTarget.value)}
            w={220}
            data-testid="import-preset-name"
          />
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            disabled={presetName.trim() === ''}
            onClick={() => void savePreset()}
            data-testid="import-preset-save"
          >
            {t('imports.mapping.savePreset')}
          </Button>
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={onBack}>
            {t('imports.wizard.back')}
          </Button>
          <Button
            onClick={() => void next()}
            loading={isBusy}
            disabled={mappedCount === 0}
            data-testid="import-next"
          >
            {t('imports.wizard.next')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
