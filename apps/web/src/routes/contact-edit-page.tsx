import { Anchor, Breadcrumbs, Button, Skeleton, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PersonForm } from '../features/people/person-form.tsx';
import { personToValues } from '../features/people/person-form-values.ts';
import { personDisplayName } from '../features/people/person-name.ts';
import { usePerson, useUpdatePerson } from '../features/people/use-people.ts';
import { isApiError } from '../lib/api.ts';

export function ContactEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { personId = '' } = useParams();
  const personQuery = usePerson(personId);
  const updatePerson = useUpdatePerson();

  if (personQuery.isPending) {
    return (
      <Stack gap="lg" maw={820}>
        <Skeleton h={28} w={240} />
        <Skeleton h={420} />
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

  return (
    <Stack gap="lg" maw={820}>
      <Breadcrumbs>
        <Anchor component={Link} to="/contacts" size="sm">
          {t('people.title')}
        </Anchor>
        <Anchor component={Link} to={`/contacts/${person.id}`} size="sm">
          {name}
        </Anchor>
        <span>{t('common.edit')}</span>
      </Breadcrumbs>
      <PageHeader title={t('people.editTitle', { name })} />
      <PersonForm
        // A new version (after "reload latest") remounts the form with the fresh data.
        key={person.version}
        initialValues={personToValues(person)}
        submitLabel={t('common.save')}
        onCancel={() => void navigate(`/contacts/${person.id}`)}
        onSubmit={async (body) => {
          const saved = await updatePerson.mutateAsync({ id: person.id, version: person.version, body });
          notifications.show({
            color: 'teal',
            message: t('people.saved', { name: personDisplayName(saved, t) }),
          });
          await navigate(`/contacts/${saved.id}`);
        }}
        renderErrorAction={(error) =>
          isApiError(error, 'PRECONDITION_FAILED') ? (
            <Button
              size="xs"
              variant="white"
              color="red"
              leftSection={<IconRefresh size={14} />}
              loading={personQuery.isFetching}
              onClick={() => void personQuery.refetch()}
              data-testid="reload-latest"
            >
              {t('people.reloadLatest')}
            </Button>
          ) : null
        }
      />
    </Stack>
  );
}
