import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from '../features/auth/use-session-actions.ts';
import { isSupportedLocale, LANGUAGES, toSupportedLocale } from '../lib/i18n.ts';

/** A native <select>: keyboard- and screen-reader-friendly, and trivially driven by browser tests. */
export function LanguageSwitcher({ size = 'sm' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const { changeLanguage } = useSessionActions();
  return (
    <NativeSelect
      data-testid="language-switcher"
      aria-label={t('language.label')}
      size={size}
      w={size === 'xs' ? 120 : 140}
      leftSection={<IconLanguage size={16} />}
      value={toSupportedLocale(i18n.resolvedLanguage)}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isSupportedLocale(value)) void changeLanguage(value);
      }}
      data={LANGUAGES.map((language) => ({ value: language.code, label: language.nativeName }))}
    />
  );
}
