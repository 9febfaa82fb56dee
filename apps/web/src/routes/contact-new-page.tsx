import { Anchor, Breadcrumbs, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { useCurrentMe } from '../features/auth/me-context.ts';
import { PersonForm } from '../features/people/person-form.tsx';
import { emptyPersonValues } from '../features/people/person-form-values.ts';
import { personDisplayName } from '../features/people/person-name.ts';
import { useCreatePerson } from '../features/people/use-people.ts';

export function ContactNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentMe();
  const createPerson = useCreatePerson();
  // One key per form visit: re-submitting after a network failure cannot create a duplicate.
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  return (
    <Stack gap="lg" maw={820}>
      <Breadcrumbs>
        <Anchor component={Link} to="/contacts" size="sm">
          {t('people.title')}
        </Anchor>
        <span>{t('people.newTitle')}</span>
      </Breadcrumbs>
      <PageHeader title={t('people.newTitle')} />
      <PersonForm
        initialValues={emptyPersonValues(me.user?.id ?? null)}
        submitLabel={t('people.createSubmit')}
        onCancel={() => void navigate('/contacts')}
        onSubmit={async (body) => {
          const person = await createPerson.mutateAsync({ body, idempotencyKey });
          notifications.show({
            color: 'teal',
            message: t('people.created', { name: personDisplayName(person, t) }),
          });
          await navigate(`/contacts/${person.id}`);
        }}
      />
    </Stack>
  );
}
