import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { toSupportedLocale } from './i18n.ts';

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Dates, numbers and name collation in the current UI language — always through `Intl`. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = toSupportedLocale(i18n.resolvedLanguage ?? i18n.language);

  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(locale);
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });

    return {
      locale,
      formatDateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
      formatDate: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : ''),
      formatNumber: (value: number) => number.format(value),
      formatRelative: (iso: string) => {
        const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
        for (const [unit, size] of RELATIVE_UNITS) {
          if (Math.abs(seconds) >= size || unit === 'second') {
            return relative.format(Math.round(seconds / size), unit);
          }
        }
        return dateTime.format(new Date(iso));
      },
      compareText: (a: string, b: string) => collator.compare(a, b),
    };
  }, [locale]);
}
