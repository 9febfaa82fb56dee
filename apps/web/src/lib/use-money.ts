import { useMemo } from 'react';
import { useFormat } from './use-format.ts';

/**
 * Amounts arrive as exact decimal strings ("1234.50"); Intl formats the string itself (never a
 * float) in the UI language, with the currency's symbol and digits.
 */
export function useMoney() {
  const { locale } = useFormat();
  return useMemo(() => {
    const cache = new Map<string, Intl.NumberFormat>();
    return (amount: string | null | undefined, currency: string | null | undefined): string => {
      if (amount === null || amount === undefined) return '';
      if (!currency) return amount;
      let format = cache.get(currency);
      if (!format) {
        try {
          format = new Intl.NumberFormat(locale, { style: 'currency', currency });
        } catch {
          return `${amount} ${currency}`;
        }
        cache.set(currency, format);
      }
      return (format.format as (value: string) => string)(amount);
    };
  }, [locale]);
}
