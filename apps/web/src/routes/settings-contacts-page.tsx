import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';
import { getDefaultCountry, putDefaultCountry, putLifecycleStages } from '../features/c360/c360-api.ts';
import { useLifecycleStages } from '../features/c360/use-c360.ts';
import { isApiError } from '../lib/api.ts';
import { describeError } from '../lib/error-message.ts';
import { useFormat } from '../lib/use-format.ts';

type TStage = { key: string; label: string };

function toKey(label: string): string {
  const words = label.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : (w[0]?.toUpperCase() ?? '') + w.slice(1).toLowerCase()))
    .join('');
  return /^[a-z]/.test(key) ? key.slice(0, 40) : `stage${Date.now() % 100000}`;
}

function LifecycleStagesCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = useLifecycleStages();
  const [stages, setStages] = useState<TStage[]>([]);
  useEffect(() => {
    if (query.data) setStages(query.data.stages);
  }, [query.data]);
  const save = useMutation({
    mutationFn: () =>
      putLifecycleStages({
        stages: stages.map((s) => ({ key: s.key || toKey(s.label), label: s.label.trim() })),
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(['lifecycle-stages'], data);
      notifications.show({ color: 'teal', message: t('c360.settings.stagesSaved') });
    },
  });
  const move = (index: number, delta: number) =>
    setStages((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + delta, 0, item);
      return next;
    });
  return (
    <Card data-testid="lifecycle-stages">
      <Title order={3} fz="md">
        {t('c360.settings.stagesTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('c360.settings.stagesDescription')}
      </Text>
      {query.isPending ? (
        <Skeleton h={200} />
      ) : query.isError ? (
        <Alert color="red">{describeError(query.error, t)}</Alert>
      ) : (
        <Stack gap="xs">
          {stages.map((stage, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: new stages have no key until saved
            <Group key={`${stage.key}-${i}`} gap="xs" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                value={stage.label}
                aria-label={t('c360.settings.stageLabel')}
                onChange={(e) => {
                  const label = e.currentTarget.value;
                  setStages((list) => list.map((s, j) => (j === i ? { ...s, label } : s)));
                }}
                data-testid="stage-label"
              />
              <Text size="xs" c="dimmed" ff="monospace" w={110} truncate visibleFrom="xs">
                {stage.key}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t('c360.settings.moveUp')}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={i === stages.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('c360.settings.moveDown')}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                disabled={stages.length <= 1}
                onClick={() => setStages((list) => list.filter((_, j) => j !== i))}
                aria-label={t('common.remove')}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {save.isError && (
            <Alert color="red">
              {isApiError(save.error) && save.error.details[0]
                ? save.error.details[0].message
                : describeError(save.error, t)}
            </Alert>
          )}
          <Group justify="space-between">
            <Button
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => setStages((list) => [...list, { key: '', label: '' }])}
            >
              {t('c360.settings.addStage')}
            </Button>
            <Button
              onClick={() => save.mutate()}
              loading={save.isPending}
              disabled={stages.some((s) => !s.label.trim())}
              data-testid="stages-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

function DefaultCountryCard() {
  const { t } = useTranslation();
  const { locale, compareText } = useFormat();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['default-country'], queryFn: getDefaultCountry });
  const [country, setCountry] = useState<string | null>(null);
  useEffect(() => {
    if (query.data) setCountry(query.data.defaultCountry);
  }, [query.data]);
  const options = useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    } catch {
      names = null;
    }
    return getCountries()
      .map((code) => ({ value: code, label: `${names?.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
      .sort((a, b) => compareText(a.label, b.label));
  }, [locale, compareText]);
  const save = useMutation({
    mutationFn: () => putDefaultCountry({ defaultCountry: country }),
    onSuccess: (data) => {
      queryClient.setQueryData(['default-country'], data);
      notifications.show({ color: 'teal', message: t('c360.settings.countrySaved') });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
  });
  return (
    <Card data-testid="default-country">
      <Title order={3} fz="md">
        {t('c360.settings.countryTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('c360.settings.countryDescription')}
      </Text>
      <Group align="flex-end">
        <Select
          searchable
          clearable
          data={options}
          value={country}
          onChange={setCountry}
          style={{ flex: '1 1 240px' }}
          aria-label={t('c360.settings.countryTitle')}
          disabled={query.isPending}
          data-testid="default-country-select"
        />
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="default-country-save">
          {t('common.save')}
        </Button>
      </Group>
    </Card>
  );
}

export function SettingsContactsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader
        order={2}
        title={t('settings.tabs.contacts')}
        description={t('c360.settings.description')}
      />
      <LifecycleStagesCard />
      <DefaultCountryCard />
    </Stack>
  );
}
