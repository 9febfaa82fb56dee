import { useMemo } from 'react';
import { useFormat } from '../../lib/use-format.ts';

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

/** "37.95" → 3795n: cents as a BigInt, so sums of amounts stay exact in the browser too. */
const toCents = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
};

/** a − b of two 2-decimal amounts, as a 2-decimal string. */
export function subtractAmounts(a: string, b: string): string {
  const cents = toCents(a) - toCents(b);
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
