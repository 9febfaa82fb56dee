import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { toSupportedLocale } from '../../lib/i18n.ts';

/**
 * Money through Intl in the UI language. Amounts are exact decimal strings and Intl formats the
 * string itself, so no float ever rounds a large amount.
 */
export function useMoney() {
  const { i18n } = useTranslation();
  const locale = toSupportedLocale(i18n.resolvedLanguage ?? i18n.language);
  return useMemo(() => {
    const cache = new Map<string, Intl.NumberFormat>();
    return (amount: string, currency: string) => {
      let format = cache.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 });
        cache.set(currency, format);
      }
      return (format.format as (value: string) => string)(amount);
    };
  }, [locale]);
}
