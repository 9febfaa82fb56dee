import { Alert, Button, Group, Modal, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { personDisplayName } from '../people/person-name.ts';
import { useCreatePerson } from '../people/use-people.ts';
import { CompanyFormModal } from './company-form-modal.tsx';
import { CompanyPicker } from './company-picker.tsx';

function QuickContactForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePerson();
  const idempotencyKey = useRef(crypto.randomUUID());
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [companyId, setCompanyId] = useState<string | null>(null);
  const errors = new Map(
    isApiError(create.error) ? create.error.details.map((d) => [d.path, d.message] as const) : [],
  );
  const submit = () =>
    create.mutate(
      {
        idempotencyKey: idempotencyKey.current,
        body: {
          firstName: firstName.trim() || null,
          lastName: lastName.trim() || null,
          emails: email.trim() ? [{ email: email.trim(), label: 'work', isPrimary: true }] : [],
          phones: phone.trim() ? [{ number: phone.trim(), label: 'mobile', isPrimary: true }] : [],
          companyIds: companyId ? [companyId] : [],
        },
      },
      {
        onSuccess: async (person) => {
          notifications.show({
            color: 'teal',
            message: t('people.created', { name: personDisplayName(person, t) }),
          });
          onClose();
          await navigate(`/contacts/${person.id}`);
        },
      },
    );
  return (
    <Stack
      gap="sm"
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      data-testid="quick-contact-form"
    >
      {create.isError && errors.size === 0 && <Alert color="red">{describeError(create.error, t)}</Alert>}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          data-autofocus
          label={t('fields.firstName')}
          value={firstName}
          onChange={(e) => setFirstName(e.currentTarget.value)}
          error={errors.get('firstName')}
          data-testid="quick-first-name"
        />
        <TextInput
          label={t('fields.lastName')}
          value={lastName}
          onChange={(e) => setLastName(e.currentTarget.value)}
          data-testid="quick-last-name"
        />
      </SimpleGrid>
      <TextInput
        type="email"
        label={t('fields.email')}
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        error={errors.get('emails.0.email')}
        data-testid="quick-email"
      />
      <TextInput
        type="tel"
        label={t('fields.phone')}
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
        error={errors.get('phones.0.number')}
      />
      <CompanyPicker
        label={t('c360.fields.company')}
        value={companyId}
        names={{}}
        onChange={setCompanyId}
        testId="quick-company"
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={create.isPending} data-testid="quick-contact-save">
          {t('people.createSubmit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The `n` shortcut: a small dialog to add a contact or a company without leaving the page. */
export function QuickCreateModal({
  opened,
  onClose,
  initial,
}: {
  opened: boolean;
  onClose: () => void;
  /** Default: a company on the companies list, else a contact. */
  initial?: 'person' | 'company';
}) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [kind, setKind] = useState<'person' | 'company'>(
    initial ?? (pathname === '/companies' ? 'company' : 'person'),
  );
  if (kind === 'company') {
    return <CompanyFormModal opened={opened} onClose={onClose} />;
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('c360.quickCreate.title')} data-testid="quick-create">
      <Stack gap="md">
        <SegmentedControl
          fullWidth
          value={kind}
          onChange={(v) => setKind(v as 'person' | 'company')}
          data={[
            { value: 'person', label: t('c360.quickCreate.contact') },
            { value: 'company', label: t('c360.quickCreate.company') },
          ]}
          data-testid="quick-create-kind"
        />
        <QuickContactForm onClose={onClose} />
      </Stack>
    </Modal>
  );
}
