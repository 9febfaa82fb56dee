import type {
  TCurrencySettings,
  TExchangeRate,
  TListExchangeRatesQuery,
  TPutExchangeRatesRequest,
  TUpdateCurrencySettingsRequest,
} from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanRead, assertCanWrite, assertCapability, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';

/** Until a workspace picks one. */
export const DEFAULT_BASE_CURRENCY = 'EUR';

type TInUseCheck = (trx: TTrx, workspaceId: string) => Promise<boolean>;
const inUseChecks = new Map<string, TInUseCheck>();

/**
 * Modules that store amounts in the base currency (orders) register a check: while any such
 * amount exists the base currency cannot change, since the stored totals would silently mean
 * another currency.
 */
export function registerBaseCurrencyUse(name: string, check: TInUseCheck): void {
  inUseChecks.set(name, check);
}

export async function getBaseCurrency(trx: TTrx, workspaceId: string): Promise<string> {
  const row = await trx
    .selectFrom('currencySettings')
    .select('baseCurrency')
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
  return row?.baseCurrency ?? DEFAULT_BASE_CURRENCY;
}

export async function getCurrencySettings(trx: TTrx, actor: TActor): Promise<TCurrencySettings> {
  const row = await trx
    .selectFrom('currencySettings')
    .select('baseCurrency')
    .where('workspaceId', '=', actor.workspaceId)
    .executeTakeFirst();
  return { baseCurrency: row?.baseCurrency ?? DEFAULT_BASE_CURRENCY, isDefault: !row };
}

export async function updateCurrencySettings(
  trx: TTrx,
  actor: TActor,
  input: TUpdateCurrencySettingsRequest,
): Promise<TCurrencySettings> {
  assertCapability(actor, 'settings:manage');
  const before = await getCurrencySettings(trx, actor);
  if (before.baseCurrency !== input.baseCurrency) {
    for (const [name, check] of inUseChecks) {
      if (await check(trx, actor.workspaceId)) {
        throw new AppError(
          'CONFLICT',
          `The base currency cannot change while ${name} hold amounts in ${before.baseCurrency}`,
          [{ path: 'baseCurrency', message: `In use by ${name}` }],
        );
      }
    }
  }
  await trx
    .insertInto('currencySettings')
    .values({ workspaceId: actor.workspaceId, baseCurrency: input.baseCurrency, updatedBy: actorId(actor) })
    .onConflict((oc) =>
      oc.column('workspaceId').doUpdateSet({
        baseCurrency: input.baseCurrency,
        updatedAt: new Date(),
        updatedBy: actorId(actor),
      }),
    )
    .execute();
  await recordAudit(trx, actor, {
    action: 'currencySettings.update',
    recordType: 'workspace',
    recordId: actor.workspaceId,
    before: { baseCurrency: before.baseCurrency },
    after: { baseCurrency: input.baseCurrency },
  });
  return { baseCurrency: input.baseCurrency, isDefault: false };
}

const RATE_COLUMNS = [
  'currency',
  sql<string>`to_char(rate_date, 'YYYY-MM-DD')`.as('date'),
  'rate',
  'updatedAt',
] as const;

type TRateRow = { currency: string; date: string; rate: string; updatedAt: Date };
const toRate = (row: TRateRow): TExchangeRate => ({ ...row, updatedAt: row.updatedAt.toISOString() });

/** Newest first by (currency, date): keyset on the primary key. */
export async function listExchangeRates(trx: TTrx, actor: TActor, query: TListExchangeRatesQuery) {
  assertCanRead(actor, 'orders');
  let select = trx
    .selectFrom('exchangeRates')
    .select(RATE_COLUMNS)
    .where('workspaceId', '=', actor.workspaceId);
  if (query.currency) select = select.where('currency', '=', query.currency);
  if (query.cursor) {
    const [currency, date] = decodeCursor(
      query.cursor,
      2,
      ([c, d]) =>
        typeof c === 'string' &&
        /^[A-Z]{3}$/.test(c) &&
        typeof d === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(d),
    );
    select = select.where(
      sql<boolean>`(currency > ${currency} or (currency = ${currency} and rate_date < ${date}::date))`,
    );
  }
  const rows = await select
    .orderBy('currency')
    .orderBy('rateDate', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(toRate),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.currency, last.date]) : null,
  };
}

/** Creates or replaces rates by (currency, date); rates of the base currency itself are refused. */
export async function putExchangeRates(trx: TTrx, actor: TActor, input: TPutExchangeRatesRequest) {
  assertCanWrite(actor, 'orders');
  const base = await getBaseCurrency(trx, actor.workspaceId);
  const details = input.rates.flatMap((rate, i) =>
    rate.currency === base
      ? [{ path: `rates.${i}.currency`, message: `${base} is the base currency; its rate is always 1` }]
      : [],
  );
  const first = details[0];
  if (first) throw new AppError('VALIDATION_FAILED', `Invalid ${first.path}: ${first.message}`, details);
  // The last of duplicates in one request wins, as if sent one by one.
  const byKey = new Map(input.rates.map((r) => [`${r.currency} ${r.date}`, r]));
  const rows = await trx
    .insertInto('exchangeRates')
    .values(
      [...byKey.values()].map((r) => ({
        workspaceId: actor.workspaceId,
        currency: r.currency,
        rateDate: r.date,
        rate: r.rate,
        updatedBy: actorId(actor),
      })),
    )
    .onConflict((oc) =>
      oc.columns(['workspaceId', 'currency', 'rateDate']).doUpdateSet((eb) => ({
        rate: eb.ref('excluded.rate'),
        updatedAt: new Date(),
        updatedBy: actorId(actor),
      })),
    )
    .returning(RATE_COLUMNS)
    .execute();
  await recordAudit(trx, actor, {
    action: 'exchangeRates.put',
    recordType: 'workspace',
    recordId: actor.workspaceId,
    after: {
      baseCurrency: base,
      rates: rows.map((r) => ({ currency: r.currency, date: r.date, rate: r.rate })),
    },
  });
  return { data: rows.map(toRate) };
}

export type TConversion = { baseCurrency: string; rate: string };

/**
 * The rate for an amount in `currency` at `at`: the rate of that UTC day, or the latest before it.
 * None is a 400 naming `path`, so the client knows to send a rate first.
 */
export async function findConversion(
  trx: TTrx,
  workspaceId: string,
  currency: string,
  at: Date,
  path = 'currency',
): Promise<TConversion> {
  const baseCurrency = await getBaseCurrency(trx, workspaceId);
  // Written like PostgreSQL answers numeric(24, 10), so a repeated upsert compares equal.
  if (currency === baseCurrency) return { baseCurrency, rate: '1.0000000000' };
  const day = at.toISOString().slice(0, 10);
  const row = await trx
    .selectFrom('exchangeRates')
    .select('rate')
    .where('workspaceId', '=', workspaceId)
    .where('currency', '=', currency)
    .where('rateDate', '<=', day)
    .orderBy('rateDate', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    const message = `No exchange rate from ${currency} to the base currency ${baseCurrency} on or before ${day}; add one with PUT /api/v1/exchange-rates`;
    throw new AppError('VALIDATION_FAILED', message, [{ path, message }]);
  }
  return { baseCurrency, rate: row.rate };
}
