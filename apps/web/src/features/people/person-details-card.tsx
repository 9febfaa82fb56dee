import type { TPerson } from '@kap/shared';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconMail, IconPhone, IconStarFilled } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { externalIdsText } from '../../components/external-ids-editor.tsx';
import { useFormat } from '../../lib/use-format.ts';
import { useMembers } from '../members/use-members.ts';
import { isKnownLabel } from './person-form-values.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.4}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}

function ContactPoint({
  href,
  value,
  label,
  isPrimary,
  icon,
}: {
  href: string;
  value: string;
  label: string;
  isPrimary: boolean;
  icon: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" style={{ rowGap: 4 }}>
      {icon}
      <Anchor href={href} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Anchor>
      <Badge size="xs" variant="light" color="gray">
        {label}
      </Badge>
      {isPrimary && (
        <Badge size="xs" variant="light" leftSection={<IconStarFilled size={9} />}>
          {t('people.primary')}
        </Badge>
      )}
    </Group>
  );
}

export function PersonDetailsCard({ person }: { person: TPerson }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const { members } = useMembers();
  const nameOf = (userId: string | null) =>
    userId ? (members.find((m) => m.userId === userId)?.name ?? '') : '';
  const labelText = (label: string) => (isKnownLabel(label) ? t(`labels.${label}`) : label);

  return (
    <SimpleGrid cols={1} spacing="lg">
      <Card>
        <Title order={2} fz="md" mb="md">
          {t('people.contactInfo')}
        </Title>
        <Stack gap="md">
          <Field label={t('fields.emails')}>
            {person.emails.length > 0 && (
              <Stack gap={6}>
                {person.emails.map((email) => (
                  <ContactPoint
                    key={email.email}
                    href={`mailto:${email.email}`}
                    value={email.email}
                    label={labelText(email.label)}
                    isPrimary={email.isPrimary}
                    icon={<IconMail size={16} color="var(--mantine-color-dimmed)" />}
                  />
                ))}
              </Stack>
            )}
          </Field>
          <Field label={t('fields.phones')}>
            {person.phones.length > 0 && (
              <Stack gap={6}>
                {person.phones.map((phone) => (
                  <ContactPoint
                    key={phone.number}
                    href={`tel:${phone.number.replace(/[^+\d]/g, '')}`}
                    value={phone.number}
                    label={labelText(phone.label)}
                    isPrimary={phone.isPrimary}
                    icon={<IconPhone size={16} color="var(--mantine-color-dimmed)" />}
                  />
                ))}
              </Stack>
            )}
          </Field>
        </Stack>
      </Card>
      <Card>
        <Title order={2} fz="md" mb="md">
          {t('people.details')}
        </Title>
        <SimpleGrid cols={2} spacing="md">
          <Field label={t('fields.firstName')}>{person.firstName}</Field>
          <Field label={t('fields.lastName')}>{person.lastName}</Field>
          <Field label={t('fields.owner')}>{nameOf(person.ownerId)}</Field>
          <Field label={t('fields.createdBy')}>{nameOf(person.createdBy)}</Field>
          <Field label={t('fields.createdAt')}>{formatDateTime(person.createdAt)}</Field>
          <Field label={t('fields.updatedAt')}>{formatDateTime(person.updatedAt)}</Field>
          {person.externalIds.length > 0 && (
            <Field label={t('c360.fields.externalIds')}>
              <span data-testid="person-external-ids">{externalIdsText(person.externalIds)}</span>
            </Field>
          )}
        </SimpleGrid>
      </Card>
    </SimpleGrid>
  );
}
