import type { TLocale } from '@kap/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { toSupportedLocale } from '../../lib/i18n.ts';

/** The language saved in the user's profile follows them to every device they sign in on. */
export function useSyncLocale(profileLocale: TLocale | null): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (profileLocale && profileLocale !== toSupportedLocale(i18n.resolvedLanguage)) {
      void i18n.changeLanguage(profileLocale);
    }
    // Only a change of the saved preference switches the UI; `i18n` is one stable instance.
  }, [profileLocale, i18n]);
}
