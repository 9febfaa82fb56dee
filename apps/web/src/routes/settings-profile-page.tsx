import { type TLocale, ZUpdateMeRequest } from '@kap/shared';
import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/form-alert.tsx';
import { RoleBadge } from '../components/role-badge.tsx';
import { updateMe } from '../features/auth/auth-api.ts';
import { useCurrentMe } from '../features/auth/me-context.ts';
import { describeError } from '../lib/error-message.ts';
import { fieldErrorsOf, validateWith } from '../lib/form-errors.ts';
import { isSupportedLocale, LANGUAGES, toSupportedLocale } from '../lib/i18n.ts';
import { ME_QUERY_KEY } from '../lib/query-client.ts';
import { useFormState } from '../lib/use-form-state.ts';

export function SettingsProfilePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const queryClient = useQueryClient();
  const form = useFormState<{ name: string; locale: TLocale }>({
    name: me.user?.name ?? '',
    locale: me.user?.locale ?? toSupportedLocale(i18n.resolvedLanguage),
  });

  const mutation = useMutation({
    mutationFn: updateMe,
    onSuccess: async (updated) => {
      queryClient.setQueryData(ME_QUERY_KEY, updated);
      if (updated.user?.locale) await i18n.changeLanguage(updated.user.locale);
      notifications.show({ color: 'teal', message: t('profile.saved') });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });

  if (!me.user) {
    return (
      <Card>
        <Text size="sm">{t('profile.apiKeySession', { name: me.apiKey?.name ?? '' })}</Text>
      </Card>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateWith(ZUpdateMeRequest, form.values, t);
    if (result.errors) return form.setErrors(result.errors);
    mutation.mutate(result.data);
  };

  return (
    <Card maw={640}>
      <form onSubmit={submit} noValidate data-testid="profile-form">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} fz="lg">
              {t('profile.title')}
            </Title>
            <RoleBadge role={me.role} />
          </Group>
          {mutation.isError && <FormAlert>{describeError(mutation.error, t)}</FormAlert>}
          <TextInput
            label={t('fields.name')}
            required
            autoComplete="name"
            data-testid="profile-name"
            {...form.textProps('name')}
          />
          <TextInput
            label={t('fields.email')}
            value={me.user.email}
            readOnly
            variant="filled"
            description={t('profile.emailHint')}
          />
          <Select
            label={t('profile.language')}
            description={t('profile.languageHint')}
            name="locale"
            data={LANGUAGES.map((language) => ({ value: language.code, label: language.nativeName }))}
            value={form.values.locale}
            onChange={(value) => value && isSupportedLocale(value) && form.setValue('locale', value)}
            allowDeselect={false}
            maw={320}
            data-testid="profile-language"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending} data-testid="profile-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
