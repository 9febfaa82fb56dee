import { Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { NoAccess } from '../components/no-access.tsx';
import { RECORD_TYPES, recordTypeLabel } from '../features/audit/audit-labels.ts';
import { AuditTable } from '../features/audit/audit-table.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { useMembers } from '../features/members/use-members.ts';

export function SettingsAuditLogPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const [searchParams, setSearchParams] = useSearchParams();
  const { members } = useMembers();
  const recordType = searchParams.get('recordType') ?? undefined;
  const actorId = searchParams.get('actorId') ?? undefined;

  if (!permissions.has('audit:read')) return <NoAccess />;

  const setFilter = (key: 'recordType' | 'actorId', value: string | null) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Card>
      <Stack gap="md">
        <div>
          <Title order={2} fz="lg">
            {t('audit.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('audit.description')}
          </Text>
        </div>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('audit.recordType')}
            placeholder={t('audit.allRecordTypes')}
            leftSection={<IconFilter size={14} />}
            data={RECORD_TYPES.map((type) => ({ value: type, label: recordTypeLabel(type, t) }))}
            value={recordType ?? null}
            onChange={(value) => setFilter('recordType', value)}
            clearable
            w={220}
            data-testid="audit-filter-record-type"
          />
          <Select
            label={t('audit.actor')}
            placeholder={t('audit.allActors')}
            data={members.map((member) => ({ value: member.userId, label: member.name }))}
            value={actorId ?? null}
            onChange={(value) => setFilter('actorId', value)}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            w={240}
            data-testid="audit-filter-actor"
          />
        </Group>
        <AuditTable filters={{ recordType, actorId }} />
      </Stack>
    </Card>
  );
}
