import { ORDER_CHANNELS } from '@kap/shared';
import { failed, parsed, quote, type TParseResult } from './parse-result.ts';
import { createAliasMatcher } from './target-parsers.ts';
import { parseBoolean, type TDecimalSeparator, toNumberText } from './value-parsers.ts';

/**
 * Value parsers of the product and order targets: order statuses and channels as shops export
 * them (Shopify, WooCommerce, in English, Armenian, Georgian, Lithuanian and Russian), product
 * "active" flags, and exact decimals (quantities, tax rates) kept as text, never floats.
 */

const ORDER_STATUS_VALUES = ['placed', 'paid', 'fulfilled', 'cancelled', 'refunded', 'partiallyRefunded'];

const ORDER_STATUS_ALIASES: Record<string, string> = {
  // Shopify "Financial Status" / "Fulfillment Status", WooCommerce "Order Status".
  pending: 'placed',
  new: 'placed',
  open: 'placed',
  authorized: 'placed',
  'on-hold': 'placed',
  unpaid: 'placed',
  'awaiting payment': 'placed',
  'partially paid': 'placed',
  'pending payment': 'placed',
  processing: 'paid',
  captured: 'paid',
  settled: 'paid',
  completed: 'fulfilled',
  complete: 'fulfilled',
  shipped: 'fulfilled',
  delivered: 'fulfilled',
  done: 'fulfilled',
  canceled: 'cancelled',
  voided: 'cancelled',
  void: 'cancelled',
  failed: 'cancelled',
  declined: 'cancelled',
  expired: 'cancelled',
  'partially refunded': 'partiallyRefunded',
  // hy, ka, lt, ru
  վճարված: 'paid',
  առաքված: 'fulfilled',
  չեղարկված: 'cancelled',
  վերադարձված: 'refunded',
  გადახდილი: 'paid',
  მიწოდებული: 'fulfilled',
  გაუქმებული: 'cancelled',
  დაბრუნებული: 'refunded',
  apmokėta: 'paid',
  įvykdyta: 'fulfilled',
  išsiųsta: 'fulfilled',
  atšaukta: 'cancelled',
  grąžinta: 'refunded',
  оплачен: 'paid',
  выполнен: 'fulfilled',
  отменен: 'cancelled',
  возвращен: 'refunded',
};

const ORDER_CHANNEL_ALIASES: Record<string, string> = {
  web: 'online',
  website: 'online',
  'online store': 'online',
  webshop: 'online',
  'web shop': 'online',
  'e-shop': 'online',
  ecommerce: 'online',
  checkout: 'online',
  pos: 'store',
  'point of sale': 'store',
  retail: 'store',
  shop: 'store',
  'in store': 'store',
  till: 'store',
  offline: 'store',
  app: 'mobileApp',
  'mobile app': 'mobileApp',
  mobile: 'mobileApp',
  iphone: 'mobileApp',
  android: 'mobileApp',
  ios: 'mobileApp',
  telephone: 'phone',
  call: 'phone',
  'call center': 'phone',
  amazon: 'marketplace',
  ebay: 'marketplace',
  etsy: 'marketplace',
  'shopify draft order': 'other',
  խանութ: 'store',
  ონლაინ: 'online',
  მაღაზია: 'store',
  parduotuvė: 'store',
  internetu: 'online',
  магазин: 'store',
  онлайн: 'online',
};

// Built on first use: target-parsers.ts imports this file, so nothing of it runs at load time.
let statusParser: ((text: string) => TParseResult<string>) | null = null;
let channelParser: ((text: string) => TParseResult<string>) | null = null;

export function parseOrderStatus(text: string): TParseResult<string> {
  statusParser ??= createAliasMatcher(ORDER_STATUS_VALUES, ORDER_STATUS_ALIASES, 'an order status');
  return statusParser(text);
}

export function parseOrderChannel(text: string): TParseResult<string> {
  channelParser ??= createAliasMatcher(ORDER_CHANNELS, ORDER_CHANNEL_ALIASES, 'an order channel');
  return channelParser(text);
}

const ACTIVE_WORDS = new Map<string, boolean>([
  ['active', true],
  ['enabled', true],
  ['published', true],
  ['visible', true],
  ['inactive', false],
  ['disabled', false],
  ['draft', false],
  ['archived', false],
  ['hidden', false],
  ['unpublished', false],
]);

/** Yes/no in any of the value parsers' languages, and the words shops use for product status. */
export function parseActiveFlag(text: string): TParseResult<boolean> {
  const word = ACTIVE_WORDS.get(text.toLowerCase());
  if (word !== undefined) return parsed(word);
  const flag = parseBoolean(text);
  return flag.ok ? flag : failed(`${quote(text)} is not yes or no (true/false, active/draft, 1/0)`);
}

/** A decimal as canonical text ("1234.5"), read with the mapping's decimal separator. */
export function createDecimalParser(separator: TDecimalSeparator): (text: string) => TParseResult<string> {
  return (text) => {
    const canonical = toNumberText(text, separator);
    if (canonical === null || /e/i.test(canonical)) return failed(`${quote(text)} is not a number`);
    return parsed(canonical.replace(/^\+/, ''));
  };
}
