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

const pad = (value: number) => String(value).padStart(2, '0');

/** Language-neutral `2026-11-23 14:05`, for browsers whose Intl has no data for the UI language. */
function formatNeutral(date: Date, withTime: boolean): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return withTime ? `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}` : day;
}

/** Dates, numbers and name collation in the current UI language — always through `Intl`. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = toSupportedLocale(i18n.resolvedLanguage ?? i18n.language);

  return useMemo(() => {
    // Some browser builds ship reduced ICU data (no Armenian or Georgian); rather than silently
    // showing English month names in an Armenian UI, fall back to a neutral numeric form.
    const hasDates = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
    const hasRelative = Intl.RelativeTimeFormat.supportedLocalesOf([locale]).length > 0;
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(locale);
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });

    const formatDateTime = (iso: string | null | undefined) => {
      if (!iso) return '';
      return hasDates ? dateTime.format(new Date(iso)) : formatNeutral(new Date(iso), true);
    };

    return {
      locale,
      formatDateTime,
      formatDate: (iso: string | null | undefined) => {
        if (!iso) return '';
        return hasDates ? date.format(new Date(iso)) : formatNeutral(new Date(iso), false);
      },
      formatNumber: (value: number) => number.format(value),
      formatRelative: (iso: string) => {
        if (!hasRelative) return formatDateTime(iso);
        const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
        for (const [unit, size] of RELATIVE_UNITS) {
          if (Math.abs(seconds) >= size || unit === 'second') {
            return relative.format(Math.round(seconds / size), unit);
          }
        }
        return formatDateTime(iso);
      },
      compareText: (a: string, b: string) => collator.compare(a, b),
    };
  }, [locale]);
}
