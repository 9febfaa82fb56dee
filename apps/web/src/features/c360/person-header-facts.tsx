import type { TPerson } from '@kap/shared';
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { IconBuilding, IconMail, IconPhone, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMembers } from '../members/use-members.ts';
import { primaryOf } from '../people/person-name.ts';
import { useCompanyNames } from './person-profile-card.tsx';
import { useStageLabel } from './use-c360.ts';

export function PersonHeaderFacts({ person }: { person: TPerson }) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const { members } = useMembers();
  const companyId = person.primaryCompanyId ?? person.companyIds[0] ?? null;
  const names = useCompanyNames(companyId ? [companyId] : []).data ?? {};
  const owner = members.find((m) => m.userId === person.ownerId);
  const email = primaryOf(person.emails)?.email;
  const phone = primaryOf(person.phones)?.number;
  return (
    <Group gap="md" wrap="wrap" data-testid="person-facts" style={{ rowGap: 6 }}>
      {person.lifecycleStage && (
        <Badge color="indigo" variant="light" data-testid="person-stage">
          {stageLabel(person.lifecycleStage)}
        </Badge>
      )}
      {person.jobTitle && (
        <Text size="sm" c="dimmed">
          {person.jobTitle}
        </Text>
      )}
      {companyId && (
        <Group gap={4}>
          <IconBuilding size={14} />
          <Anchor component={Link} to={`/companies/${companyId}`} size="sm" data-testid="person-company">
            {names[companyId] ?? '…'}
          </Anchor>
        </Group>
      )}
      {email && (
        <Group gap={4}>
          <IconMail size={14} />
          <Anchor href={`mailto:${email}`} size="sm">
            {email}
          </Anchor>
        </Group>
      )}
      {phone && (
        <Group gap={4}>
          <IconPhone size={14} />
          <Anchor href={`tel:${phone}`} size="sm">
            {phone}
          </Anchor>
        </Group>
      )}
      <Group gap={4}>
        <IconUser size={14} />
        <Text size="sm" c={owner ? undefined : 'dimmed'}>
          {owner ? t('c360.ownedBy', { name: owner.name }) : t('people.noOwner')}
        </Text>
      </Group>
      {person.tags.map((tag) => (
        <Badge key={tag} variant="outline" color="gray" size="sm" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}
