import type { TImportMatchKey, TImportMode, TImportObjectType } from '@kap/shared';
import { Group, MultiSelect, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const MATCH_KEYS: Record<TImportObjectType, TImportMatchKey[]> = {
  person: ['email', 'phone', 'externalId'],
  company: ['name', 'domain', 'externalId'],
  activity: [],
  product: ['sku'],
  order: ['externalId'],
};

type TProps = {
  objectType: TImportObjectType;
  match: TImportMatchKey[];
  onMatchChange: (match: TImportMatchKey[]) => void;
  mode: TImportMode;
  onModeChange: (mode: TImportMode) => void;
  /** Shown when the import has a source to name: external id columns, and always for orders. */
  isSourceShown: boolean;
  source: string;
  onSourceChange: (source: string) => void;
  createMissingCustomers: boolean;
  onCreateMissingCustomersChange: (isOn: boolean) => void;
};

/**
 * Below the column table: how rows match existing records, the source of external ids (for orders
 * also the orders' source), what a matched row does, and for orders whether unknown customers are
 * created.
 */
export function MappingOptions(props: TProps) {
  const { t } = useTranslation();
  const { objectType } = props;
  const isOrder = objectType === 'order';
  return (
    <Group align="flex-start" gap="xl">
      {MATCH_KEYS[objectType].length > 0 && (
        <MultiSelect
          label={t('imports.mapping.matchOn')}
          description={t('imports.mapping.matchHint')}
          data={MATCH_KEYS[objectType].map((key) => ({ value: key, label: t(`imports.matchKeys.${key}`) }))}
          value={props.match}
          onChange={(value) => props.onMatchChange(value as TImportMatchKey[])}
          w={300}
          data-testid="import-match"
        />
      )}
      {props.isSourceShown && (
        <TextInput
          label={t(isOrder ? 'imports.mapping.orderSource' : 'imports.mapping.externalIdSource')}
          description={t(
            isOrder ? 'imports.mapping.orderSourceHint' : 'imports.mapping.externalIdSourceHint',
          )}
          value={props.source}
          onChange={(event) => props.onSourceChange(event.currentTarget.value)}
          w={260}
          data-testid="import-external-id-source"
        />
      )}
      {(MATCH_KEYS[objectType].length > 0 || objectType === 'activity') && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('imports.mapping.whenMatched')}
          </Text>
          {objectType === 'activity' && (
            <Text size="xs" c="dimmed" maw={420}>
              {t('imports.mapping.activityIdentity')}
            </Text>
          )}
          <SegmentedControl
            value={props.mode}
            onChange={(value) => props.onModeChange(value as TImportMode)}
            data={(['skip', 'fillEmpty', 'overwrite'] as const).map((m) => ({
              value: m,
              label: t(`imports.modes.${m}`),
            }))}
            data-testid="import-mode"
          />
        </Stack>
      )}
      {isOrder && (
        <Switch
          label={t('imports.mapping.createMissingCustomers')}
          description={t('imports.mapping.createMissingCustomersHint')}
          checked={props.createMissingCustomers}
          onChange={(event) => props.onCreateMissingCustomersChange(event.currentTarget.checked)}
          w="100%"
          data-testid="import-create-missing-customers"
        />
      )}
    </Group>
  );
}
