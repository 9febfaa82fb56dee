import { z } from 'zod';
import { ZCurrencyCode } from './companies.schema.ts';

/**
 * An exact decimal on the wire: a string ("1234.50"), or a JSON number that already reads as one
 * (at most `scale` decimals). Never parsed into a float; PostgreSQL numeric does the arithmetic.
 */
export const decimalString = (opts: {
  integerDigits: number;
  scale: number;
  isPositive?: boolean;
  example: string;
}) => {
  const pattern = new RegExp(`^\\d{1,${opts.integerDigits}}(\\.\\d{1,${opts.scale}})?$`);
  return z.union([z.string().trim(), z.number()]).transform((value, ctx) => {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text === 'string' && pattern.test(text) && (!opts.isPositive || /[1-9]/.test(text)))
      return text;
    ctx.addIssue({
      code: 'custom',
      message: `${opts.isPositive ? 'A positive' : 'A non-negative'} decimal with at most ${opts.scale} decimals as a string, e.g. "${opts.example}"`,
    });
    return z.NEVER;
  });
};

/** Money: up to 15 digits before the point, 2 after; `"1234.50"`. */
export const ZMoney = decimalString({ integerDigits: 15, scale: 2, example: '1234.50' });
export const ZExchangeRateValue = decimalString({
  integerDigits: 13,
  scale: 10,
  isPositive: true,
  example: '1.0825',
});

export const ZCurrencySettings = z
  .object({
    baseCurrency: z.string().describe('ISO 4217; order totals are also stored in it'),
    isDefault: z.boolean().describe('True while the workspace has not chosen one (EUR is used)'),
  })
  .meta({ id: 'CurrencySettings' });
export type TCurrencySettings = z.infer<typeof ZCurrencySettings>;

export const ZUpdateCurrencySettingsRequest = z.object({ baseCurrency: ZCurrencyCode });
export type TUpdateCurrencySettingsRequest = z.infer<typeof ZUpdateCurrencySettingsRequest>;

const ZDate = z.iso.date().describe('YYYY-MM-DD');

export const ZExchangeRate = z
  .object({
    currency: z.string(),
    date: z.string(),
    rate: z.string().describe('Units of the base currency for one unit of `currency`'),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ExchangeRate' });
export type TExchangeRate = z.infer<typeof ZExchangeRate>;

export const ZPutExchangeRatesRequest = z.object({
  rates: z
    .array(z.object({ currency: ZCurrencyCode, date: ZDate, rate: ZExchangeRateValue }))
    .min(1)
    .max(1000)
    .describe('Created or replaced by (currency, date)'),
});
export type TPutExchangeRatesRequest = z.infer<typeof ZPutExchangeRatesRequest>;

export const ZListExchangeRatesQuery = z.object({
  currency: ZCurrencyCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(2000).optional(),
});
export type TListExchangeRatesQuery = z.infer<typeof ZListExchangeRatesQuery>;
