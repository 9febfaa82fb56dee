export { registerCurrencyRoutes } from './currencies.routes.ts';
export {
  DEFAULT_BASE_CURRENCY,
  findConversion,
  getBaseCurrency,
  registerBaseCurrencyUse,
  type TConversion,
} from './currencies.service.ts';
export type { TCurrencySettingsTable, TExchangeRatesTable } from './currencies.table.ts';
