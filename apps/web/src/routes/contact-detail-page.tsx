import {
  Anchor,
  Avatar,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Skeleton,
  Stack,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmModal } from '../components/confirm-modal.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { AuditTable } from '../features/audit/audit-table.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { DuplicatesCallout } from '../features/c360/duplicates-callout.tsx';
import { PersonHeaderFacts } from '../features/c360/person-header-facts.tsx';
import { PersonProfileCard } from '../features/c360/person-profile-card.tsx';
import { RelatedCompaniesCard } from '../features/c360/related-companies-card.tsx';
import { TasksPanel } from '../features/c360/tasks-panel.tsx';
import { TimelinePanel } from '../features/c360/timeline-panel.tsx';
import { RecordDealsCard } from '../features/deals/record-deals-card.tsx';
import { PersonalDataButton } from '../features/exports/personal-data-button.tsx';
import { CustomerPurchaseCards } from '../features/orders/customer-purchase-cards.tsx';
import { PersonDetailsCard } from '../features/people/person-details-card.tsx';
import { personDisplayName } from '../features/people/person-name.ts';
import { useDeletePerson, usePerson } from '../features/people/use-people.ts';
import { isApiError } from '../lib/api.ts';
import { describeError } from '../lib/error-message.ts';
import { initialsOf } from '../lib/initials.ts';

export function ContactDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { personId = '' } = useParams();
  const permissions = usePermissions();
  const personQuery = usePerson(personId);
  const deletePerson = useDeletePerson();
  const [isConfirmOpen, confirm] = useDisclosure(false);
  // A merged contact's id answers with the survivor: show it under its own address.
  const survivorId = personQuery.data?.id;
  useEffect(() => {
    if (survivorId && survivorId !== personId) void navigate(`/contacts/${survivorId}`, { replace: true });
  }, [survivorId, personId, navigate]);

  if (personQuery.isPending) {
    return (
      <Stack gap="lg">
        <Skeleton h={20} w={200} />
        <Skeleton h={40} w={320} />
        <Skeleton h={220} />
      </Stack>
    );
  }
  if (personQuery.isError) {
    return (
      <ErrorState
        error={personQuery.error}
        title={t('people.loadOneFailed')}
        onRetry={isApiError(personQuery.error, 'NOT_FOUND') ? undefined : () => void personQuery.refetch()}
        action={
          <Button component={Link} to="/contacts" variant="light">
            {t('notFound.goHome')}
          </Button>
        }
      />
    );
  }

  const person = personQuery.data;
  const name = personDisplayName(person, t);
  const canWrite = permissions.canWrite('people');

  const remove = () =>
    deletePerson.mutate(person.id, {
      onSuccess: async () => {
        confirm.close();
        notifications.show({ color: 'teal', message: t('people.deleted', { name }) });
        await navigate('/contacts', { replace: true });
      },
      onError: (error) => {
        confirm.close();
        notifications.show({
          color: 'red',
          title: t('people.deleteFailed'),
          message: describeError(error, t),
        });
      },
    });

  return (
    <Stack gap="lg" data-testid="person-detail">
      <Breadcrumbs>
        <Anchor component={Link} to="/contacts" size="sm">
          {t('people.title')}
        </Anchor>
        <span>{name}</span>
      </Breadcrumbs>
      <PageHeader
        documentTitle={name}
        title={
          <Group gap="md" wrap="nowrap">
            <Avatar size={48} radius="xl" color="initials" name={name}>
              {initialsOf(name)}
            </Avatar>
            <Stack gap={6} style={{ minWidth: 0 }}>
              <Title order={1} fz={26} data-testid="person-name" style={{ overflowWrap: 'anywhere' }}>
                {person.displayName || name}
              </Title>
              <PersonHeaderFacts person={person} />
            </Stack>
          </Group>
        }
        actions={
          (canWrite || permissions.has('export')) && (
            <>
              {permissions.has('export') && <PersonalDataButton personId={person.id} />}
              {canWrite && (
                <Button
                  component={Link}
                  to={`/contacts/${person.id}/edit`}
                  variant="default"
                  leftSection={<IconPencil size={16} />}
                  data-testid="edit-person-button"
                >
                  {t('common.edit')}
                </Button>
              )}
              {canWrite && (
                <Button
                  color="red"
                  variant="light"
                  leftSection={<IconTrash size={16} />}
                  onClick={confirm.open}
                  data-testid="delete-person-button"
                >
                  {t('common.delete')}
                </Button>
              )}
            </>
          )
        }
      />
      <DuplicatesCallout person={person} canMerge={canWrite} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <PersonDetailsCard person={person} />
            <PersonProfileCard person={person} canWrite={canWrite} />
            <RelatedCompaniesCard person={person} />
            <RecordDealsCard personId={person.id} />
            <CustomerPurchaseCards kind="people" id={person.id} name={name} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <TasksPanel record="people" recordId={person.id} />
            <TimelinePanel record="people" recordId={person.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      {permissions.has('audit:read') && (
        <Card>
          <Title order={2} fz="md" mb="md">
            {t('people.history')}
          </Title>
          <AuditTable
            filters={{ recordType: 'person', recordId: person.id }}
            showRecord={false}
            pageSize={20}
          />
        </Card>
      )}
      <ConfirmModal
        opened={isConfirmOpen}
        danger
        title={t('people.deleteTitle')}
        message={t('people.deleteMessage', { name })}
        confirmLabel={t('common.delete')}
        isLoading={deletePerson.isPending}
        onConfirm={remove}
        onClose={confirm.close}
      />
    </Stack>
  );
}
