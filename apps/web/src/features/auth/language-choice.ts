import type { TLocale } from '@kap/shared';
import { isSupportedLocale } from '../../lib/i18n.ts';

const KEY = 'kap.languageChoice';

/** Remembers a language picked before logging in, so the login can save it to the profile. */
export function rememberLanguageChoice(locale: TLocale): void {
  try {
    sessionStorage.setItem(KEY, locale);
  } catch {
    // Storage may be disabled; the choice then simply is not carried into the profile.
  }
}

export function takeLanguageChoice(): TLocale | null {
  try {
    const value = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return value && isSupportedLocale(value) ? value : null;
  } catch {
    return null;
  }
}
