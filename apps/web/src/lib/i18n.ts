import type { TLocale } from '@kap/shared';
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import hy from '../locales/hy.json';
import ka from '../locales/ka.json';
import lt from '../locales/lt.json';

export const LANGUAGES: readonly { code: TLocale; nativeName: string }[] = [
  { code: 'en', nativeName: 'English' },
  { code: 'hy', nativeName: 'Հայերեն' },
  { code: 'ka', nativeName: 'ქართული' },
  { code: 'lt', nativeName: 'Lietuvių' },
];

const LOCALE_CODES = LANGUAGES.map((language) => language.code);
export const LANGUAGE_STORAGE_KEY = 'kap.language';

/** Maps whatever i18next or the browser reports (`hy-AM`, `lt`, …) onto a locale Kap ships. */
export function toSupportedLocale(language: string | undefined): TLocale {
  const base = (language ?? '').toLowerCase().split('-')[0];
  return LOCALE_CODES.find((code) => code === base) ?? 'en';
}

export function isSupportedLocale(value: string): value is TLocale {
  return LOCALE_CODES.some((code) => code === value);
}

function exposeLanguage(language: string): void {
  document.documentElement.lang = toSupportedLocale(language);
}

i18n.on('languageChanged', exposeLanguage);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: {
      en: { translation: en },
      hy: { translation: hy },
      ka: { translation: ka },
      lt: { translation: lt },
    },
    fallbackLng: 'en',
    supportedLngs: LOCALE_CODES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
    },
    // Keys such as `capabilities.users:manage` contain colons; Kap uses a single namespace.
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });

exposeLanguage(i18n.resolvedLanguage ?? i18n.language);

export { i18n };
