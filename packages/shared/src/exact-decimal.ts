import Decimal from 'decimal.js';

/**
 * Decimal arithmetic for money, shared by the order and deal amounts: the precision is high
 * enough that no intermediate product is rounded (quantities have at most 17 digits, prices 20,
 * rates and discount factors a few more, so an exact product has well under 64), and only the
 * final rounding to cents, half up, ever happens.
 */
export const ExactDecimal = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });
export type TExactDecimal = InstanceType<typeof ExactDecimal>;

/** Half up to cents. */
export const toCentsDecimal = (value: TExactDecimal): TExactDecimal =>
  value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
