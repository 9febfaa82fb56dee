import { PREFERRED_CHANNELS, type TPerson, type TUpdatePersonRequest } from '@kap/shared';
import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useMembers } from '../members/use-members.ts';
import { useUpdatePerson } from '../people/use-people.ts';
import { getCompany } from './c360-api.ts';
import { CompanyMultiPicker } from './company-picker.tsx';
import { CustomFieldInput } from './custom-field-input.tsx';
import { CustomFieldValue } from './record-name.tsx';
import { useCustomFields, useLifecycleStages } from './use-c360.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.4}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </Stack>
  );
}

/** Names of the person's companies (one small request each; people have few companies). */
export function useCompanyNames(ids: string[]) {
  return useQuery({
    queryKey: ['companies', 'names', ids],
    queryFn: async () => {
      const entries = await Promise.all(
        ids.map(async (id) => {
          try {
            return [id, (await getCompany(id)).name] as const;
          } catch {
            return [id, id] as const;
          }
        }),
      );
      return Object.fromEntries(entries) as Record<string, string>;
    },
    enabled: ids.length > 0,
    staleTime: 30_000,
  });
}

type TDraft = {
  displayName: string;
  jobTitle: string;
  lifecycleStage: string | null;
  leadSource: string;
  birthDate: string;
  gender: string;
  preferredLanguage: string;
  preferredChannel: string | null;
  timezone: string;
  ownerId: string | null;
  tags: string[];
  interests: string[];
  companyIds: string[];
  primaryCompanyId: string | null;
  customFields: Record<string, unknown>;
};

const toDraft = (p: TPerson): TDraft => ({
  displayName: p.displayName === [p.firstName, p.lastName].filter(Boolean).join(' ') ? '' : p.displayName,
  jobTitle: p.jobTitle ?? '',
  lifecycleStage: p.lifecycleStage,
  leadSource: p.leadSource ?? '',
  birthDate: p.birthDate ?? '',
  gender: p.gender ?? '',
  preferredLanguage: p.preferredLanguage ?? '',
  preferredChannel: p.preferredChannel,
  timezone: p.timezone ?? '',
  ownerId: p.ownerId,
  tags: p.tags,
  interests: p.interests,
  companyIds: p.companyIds,
  primaryCompanyId: p.primaryCompanyId,
  customFields: { ...p.customFields },
});

const orNull = (value: string) => value.trim() || null;

export function PersonProfileCard({ person, canWrite }: { person: TPerson; canWrite: boolean }) {
  const { t } = useTranslation();
  const { formatDate } = useFormat();
  const [draft, setDraft] = useState<TDraft | null>(null);
  const update = useUpdatePerson();
  const { members } = useMembers();
  const stages = useLifecycleStages().data?.stages ?? [];
  const fields = (useCustomFields('person').data?.data ?? []).filter((f) => !f.isArchived);
  const companyNames = useCompanyNames(person.companyIds).data ?? {};
  const fieldErrors = new Map(
    isApiError(update.error) ? update.error.details.map((d) => [d.path, d.message] as const) : [],
  );
  const set = <K extends keyof TDraft>(key: K, value: TDraft[K]) =>
    setDraft((current) => (current ? { ...current, [key]: value } : current));

  const save = () => {
    if (!draft) return;
    const body: TUpdatePersonRequest = {
      displayName: orNull(draft.displayName),
      jobTitle: orNull(draft.jobTitle),
      lifecycleStage: draft.lifecycleStage,
      leadSource: orNull(draft.leadSource),
      birthDate: orNull(draft.birthDate),
      gender: orNull(draft.gender),
      preferredLanguage: orNull(draft.preferredLanguage),
      preferredChannel: draft.preferredChannel as TUpdatePersonRequest['preferredChannel'],
      timezone: orNull(draft.timezone),
      ownerId: draft.ownerId,
      tags: draft.tags,
      interests: draft.interests,
      companyIds: draft.companyIds,
      primaryCompanyId: draft.companyIds.includes(draft.primaryCompanyId ?? '')
        ? draft.primaryCompanyId
        : (draft.companyIds[0] ?? null),
      customFields: draft.customFields,
    };
    update.mutate(
      { id: person.id, version: person.version, body },
      {
        onSuccess: () => {
          setDraft(null);
          notifications.show({ color: 'teal', message: t('c360.profile.saved') });
        },
      },
    );
  };

  const memberName = (id: string | null) => members.find((m) => m.userId === id)?.name ?? '';
  const stageLabel = (key: string | null) => stages.find((s) => s.key === key)?.label ?? key ?? '';

  if (!draft) {
    return (
      <Card data-testid="person-profile">
        <Group justify="space-between" mb="md">
          <Title order={2} fz="md">
            {t('c360.profile.title')}
          </Title>
          {canWrite && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} />}
              onClick={() => {
                update.reset();
                setDraft(toDraft(person));
              }}
              data-testid="profile-edit"
            >
              {t('common.edit')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Fact label={t('c360.fields.jobTitle')}>{person.jobTitle}</Fact>
          <Fact label={t('c360.fields.lifecycleStage')}>{stageLabel(person.lifecycleStage)}</Fact>
          <Fact label={t('c360.fields.leadSource')}>{person.leadSource}</Fact>
          <Fact label={t('c360.fields.birthDate')}>
            {person.birthDate ? formatDate(`${person.birthDate}T12:00:00Z`) : ''}
          </Fact>
          <Fact label={t('c360.fields.gender')}>{person.gender}</Fact>
          <Fact label={t('c360.fields.preferredLanguage')}>{person.preferredLanguage}</Fact>
          <Fact label={t('c360.fields.preferredChannel')}>
            {person.preferredChannel
              ? t(`c360.preferredChannel.${person.preferredChannel as (typeof PREFERRED_CHANNELS)[number]}`)
              : ''}
          </Fact>
          <Fact label={t('c360.fields.timezone')}>{person.timezone}</Fact>
          <Fact label={t('c360.fields.interests')}>{person.interests.join(', ')}</Fact>
          <Fact label={t('fields.owner')}>{memberName(person.ownerId)}</Fact>
          {person.externalIds.length > 0 && (
            <Fact label={t('c360.fields.externalIds')}>
              {person.externalIds.map((e) => `${e.source}:${e.id}`).join(', ')}
            </Fact>
          )}
          {fields.map((field) => (
            <Fact key={field.id} label={field.label}>
              <CustomFieldValue field={field} value={person.customFields[field.key]} />
            </Fact>
          ))}
        </SimpleGrid>
      </Card>
    );
  }

  return (
    <Card data-testid="person-profile">
      <Stack
        gap="md"
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Title order={2} fz="md">
          {t('c360.profile.editTitle')}
        </Title>
        {update.isError && (
          <Alert color="red" data-testid="profile-error">
            {isApiError(update.error, 'PRECONDITION_FAILED')
              ? t('people.conflictMessage')
              : describeError(update.error, t)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('c360.fields.displayName')}
            description={t('c360.fields.displayNameHint')}
            value={draft.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            error={fieldErrors.get('displayName')}
          />
          <TextInput
            label={t('c360.fields.jobTitle')}
            value={draft.jobTitle}
            onChange={(e) => set('jobTitle', e.currentTarget.value)}
            error={fieldErrors.get('jobTitle')}
            data-testid="profile-job-title"
          />
          <Select
            label={t('c360.fields.lifecycleStage')}
            clearable
            data={stages.map((s) => ({ value: s.key, label: s.label }))}
            value={draft.lifecycleStage}
            onChange={(v) => set('lifecycleStage', v)}
            data-testid="profile-lifecycle"
          />
          <TextInput
            label={t('c360.fields.leadSource')}
            value={draft.leadSource}
            onChange={(e) => set('leadSource', e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('c360.fields.birthDate')}
            value={draft.birthDate}
            onChange={(e) => set('birthDate', e.currentTarget.value)}
            error={fieldErrors.get('birthDate')}
          />
          <TextInput
            label={t('c360.fields.gender')}
            value={draft.gender}
            onChange={(e) => set('gender', e.currentTarget.value)}
          />
          <TextInput
            label={t('c360.fields.preferredLanguage')}
            placeholder="hy, ka, lt-LT"
            value={draft.preferredLanguage}
            onChange={(e) => set('preferredLanguage', e.currentTarget.value)}
            error={fieldErrors.get('preferredLanguage')}
          />
          <Select
            label={t('c360.fields.preferredChannel')}
            clearable
            data={PREFERRED_CHANNELS.map((c) => ({ value: c, label: t(`c360.preferredChannel.${c}`) }))}
            value={draft.preferredChannel}
            onChange={(v) => set('preferredChannel', v)}
          />
          <Select
            label={t('c360.fields.timezone')}
            searchable
            clearable
            data={Intl.supportedValuesOf('timeZone')}
            value={draft.timezone || null}
            onChange={(v) => set('timezone', v ?? '')}
            error={fieldErrors.get('timezone')}
          />
          <Select
            label={t('fields.owner')}
            clearable
            searchable
            data={members.map((m) => ({ value: m.userId, label: m.name }))}
            value={draft.ownerId}
            onChange={(v) => set('ownerId', v)}
          />
          <TagsInput
            label={t('c360.fields.tags')}
            value={draft.tags}
            onChange={(v) => set('tags', v)}
            data-testid="profile-tags"
          />
          <TagsInput
            label={t('c360.fields.interests')}
            value={draft.interests}
            onChange={(v) => set('interests', v)}
          />
          <CompanyMultiPicker
            label={t('c360.fields.companies')}
            value={draft.companyIds}
            names={companyNames}
            onChange={(ids) => set('companyIds', ids)}
            testId="profile-companies"
          />
          <Select
            label={t('c360.fields.primaryCompany')}
            data={draft.companyIds.map((id) => ({ value: id, label: companyNames[id] ?? id }))}
            value={
              draft.companyIds.includes(draft.primaryCompanyId ?? '')
                ? draft.primaryCompanyId
                : (draft.companyIds[0] ?? null)
            }
            onChange={(v) => set('primaryCompanyId', v)}
            disabled={draft.companyIds.length < 2}
          />
          {fields.map((field) => (
            <CustomFieldInput
              key={field.id}
              field={field}
              value={draft.customFields[field.key] ?? null}
              onChange={(value) => set('customFields', { ...draft.customFields, [field.key]: value })}
              error={fieldErrors.get(`customFields.${field.key}`)}
            />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDraft(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="profile-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
