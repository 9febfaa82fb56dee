import { type TCreatePersonRequest, ZCreatePersonRequest } from '@kap/shared';
import { Button, Card, Divider, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExternalIdsEditor } from '../../components/external-ids-editor.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { fieldErrorsOf, type TFieldErrors, validateWith, withoutError } from '../../lib/form-errors.ts';
import { useMembers } from '../members/use-members.ts';
import { ContactPointsEditor } from './contact-points-editor.tsx';
import { type TPersonFormValues, valuesToRequest } from './person-form-values.ts';

type TPersonFormProps = {
  initialValues: TPersonFormValues;
  submitLabel: string;
  onSubmit: (body: TCreatePersonRequest) => Promise<unknown>;
  onCancel: () => void;
  /** Rendered inside the error alert when the server rejects the write (e.g. a reload button on 412). */
  renderErrorAction?: (error: unknown) => ReactNode;
};

export function PersonForm({
  initialValues,
  submitLabel,
  onSubmit,
  onCancel,
  renderErrorAction,
}: TPersonFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const membersQuery = useMembers();

  const setField = <K extends keyof TPersonFormValues>(
    key: K,
    value: TPersonFormValues[K],
    touched?: string,
  ) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => withoutError(withoutError(current, touched ?? key), '_form'));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, toFormPath } = valuesToRequest(values);
    const remap = (fieldErrors: TFieldErrors) =>
      Object.fromEntries(Object.entries(fieldErrors).map(([path, message]) => [toFormPath(path), message]));

    const result = validateWith(ZCreatePersonRequest, body, t, (issue, path) => {
      if (issue.code === 'custom') return t('validation.personNeedsIdentity');
      if (/^phones\.\d+\.number$/.test(path)) return t('validation.phone');
      if (/^externalIds\.\d+\.source$/.test(path)) return t('c360.externalIds.format');
      return undefined;
    });
    if (result.errors) {
      setErrors(remap(result.errors));
      setSubmitError(null);
      return;
    }
    setIsSubmitting(true);
    setSubmitError(null);
    try {
      await onSubmit(result.data);
    } catch (error) {
      setErrors(remap(fieldErrorsOf(error)));
      setSubmitError(error);
    } finally {
      setIsSubmitting(false);
    }
  };

  const ownerOptions = membersQuery.members.map((member) => ({ value: member.userId, label: member.name }));
  const isConflict = isApiError(submitError, 'PRECONDITION_FAILED');

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="person-form">
      <Card>
        <Stack gap="lg">
          {submitError !== null && (
            <FormAlert title={isConflict ? t('people.conflictTitle') : undefined}>
              <Stack gap="sm" align="flex-start">
                <span>{isConflict ? t('people.conflictMessage') : describeError(submitError, t)}</span>
                {renderErrorAction?.(submitError)}
              </Stack>
            </FormAlert>
          )}
          {errors._form && <FormAlert>{errors._form}</FormAlert>}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('fields.firstName')}
              name="firstName"
              autoFocus
              autoComplete="off"
              value={values.firstName}
              error={errors.firstName}
              onChange={(event) => setField('firstName', event.currentTarget.value)}
              data-testid="person-first-name"
            />
            <TextInput
              label={t('fields.lastName')}
              name="lastName"
              autoComplete="off"
              value={values.lastName}
              error={errors.lastName}
              onChange={(event) => setField('lastName', event.currentTarget.value)}
              data-testid="person-last-name"
            />
          </SimpleGrid>
          <Divider />
          <ContactPointsEditor
            kind="emails"
            rows={values.emails}
            errors={errors}
            onChange={(rows, touched) => setField('emails', rows, touched)}
          />
          <ContactPointsEditor
            kind="phones"
            rows={values.phones}
            errors={errors}
            onChange={(rows, touched) => setField('phones', rows, touched)}
          />
          <Divider />
          <ExternalIdsEditor
            rows={values.externalIds}
            onChange={(rows) => {
              setValues((current) => ({ ...current, externalIds: rows }));
              // Rows may have moved: their errors no longer name the right entry.
              setErrors((current) =>
                Object.fromEntries(
                  Object.entries(current).filter(([path]) => !path.startsWith('externalIds')),
                ),
              );
            }}
            errors={errors}
            description={t('people.externalIdsHint')}
            testIdPrefix="person"
          />
          {!membersQuery.isError && (
            <>
              <Divider />
              <Select
                label={t('fields.owner')}
                name="ownerId"
                maw={{ base: '100%', sm: 360 }}
                data={ownerOptions}
                value={values.ownerId}
                onChange={(value) => setField('ownerId', value)}
                searchable
                clearable
                placeholder={t('people.noOwner')}
                nothingFoundMessage={t('common.nothingFound')}
                error={errors.ownerId}
                data-testid="person-owner"
              />
            </>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel} disabled={isSubmitting}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting} data-testid="person-save">
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
