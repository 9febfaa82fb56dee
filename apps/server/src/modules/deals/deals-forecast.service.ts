import type { TForecast, TForecastQuery } from '@kap/shared';
import { ExactDecimal as Decimal, type TExactDecimal } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { findConversion } from '../currencies/index.ts';
import { ownerScope } from './deal-stats.service.ts';
import { getPipelineRow } from './pipelines.service.ts';

type TFigures = Omit<TForecast['totals'][number], 'currency'>;
type TRow = TFigures & { key: string | null; currency: string };

const FIGURES = sql`
  count(*) filter (where d.status = 'open')::int as "openCount",
  coalesce(sum(d.amount) filter (where d.status = 'open'), 0)::text as unweighted,
  coalesce(sum(round(d.amount * s.probability / 100, 2)) filter (where d.status = 'open'), 0)::text as weighted,
  count(*) filter (where d.status = 'won')::int as "wonCount",
  coalesce(sum(d.amount) filter (where d.status = 'won'), 0)::text as won,
  count(*) filter (where d.status = 'lost')::int as "lostCount",
  coalesce(sum(d.amount) filter (where d.status = 'lost'), 0)::text as lost`;

const MONEY_FIELDS = ['unweighted', 'weighted', 'won', 'lost'] as const;
const COUNT_FIELDS = ['openCount', 'wonCount', 'lostCount'] as const;

/** The month of a deal: when it closed (won or lost, UTC), else its expected close date. */
const MONTH_KEY = sql`to_char(case when d.status = 'open' then d.expected_close_date else (d.closed_at at time zone 'UTC')::date end, 'YYYY-MM')`;

/** Every currency's rate to the base currency today, or null when one is missing (then: per currency). */
async function findRates(trx: TTrx, workspaceId: string, currencies: readonly string[]) {
  const rates = new Map<string, TExactDecimal>();
  let baseCurrency: string | null = null;
  for (const currency of currencies) {
    try {
      const conversion = await findConversion(trx, workspaceId, currency, new Date());
      rates.set(currency, new Decimal(conversion.rate));
      baseCurrency = conversion.baseCurrency;
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return null;
      throw error;
    }
  }
  return baseCurrency ? { baseCurrency, rates } : null;
}

/** Rows in base currency: each amount × its currency's rate, rounded to cents, summed per key. */
function convertRows<T extends TFigures & { currency: string }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  base: { baseCurrency: string; rates: Map<string, TExactDecimal> },
): T[] {
  const merged = new Map<string, T>();
  for (const row of rows) {
    const rate = base.rates.get(row.currency) ?? new Decimal(1);
    const key = keyOf(row);
    const into = merged.get(key) ?? {
      ...row,
      currency: base.baseCurrency,
      ...Object.fromEntries(MONEY_FIELDS.map((f) => [f, '0.00'])),
      ...Object.fromEntries(COUNT_FIELDS.map((f) => [f, 0])),
    };
    for (const field of MONEY_FIELDS) {
      into[field] = new Decimal(into[field])
        .plus(new Decimal(row[field]).times(rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP))
        .toFixed(2);
    }
    for (const field of COUNT_FIELDS) into[field] += row[field];
    merged.set(key, into);
  }
  return [...merged.values()];
}

const toMoney = <T extends TFigures>(row: T): T => ({
  ...row,
  ...Object.fromEntries(MONEY_FIELDS.map((f) => [f, new Decimal(row[f]).toFixed(2)])),
});

/**
 * Weighted (amount × the stage's probability, per deal, rounded to cents) and unweighted open
 * pipeline plus won and lost totals, by close month or owner. Amounts are converted to the base
 * currency when every currency has a rate; else each currency is its own row.
 */
export async function getForecast(trx: TTrx, actor: TActor, query: TForecastQuery): Promise<TForecast> {
  assertCanRead(actor, 'deals');
  const pipelineId = query.pipelineId ? (await getPipelineRow(trx, actor, query.pipelineId)).id : null;
  const key = query.groupBy === 'month' ? MONTH_KEY : sql`d.owner_id::text`;
  const where = sql<boolean>`d.workspace_id = ${actor.workspaceId}::uuid and ${ownerScope(actor, 'd')}
    and (${pipelineId}::uuid is null or d.pipeline_id = ${pipelineId}::uuid)`;
  const from = sql`deals d join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id`;
  const rows = await sql<TRow>`
    select ${key} as key, d.currency, ${FIGURES} from ${from} where ${where}
     group by 1, 2 order by 1 nulls last, 2`.execute(trx);
  const perCurrency = rows.rows.map(toMoney);
  const totalsPerCurrency = new Map<string, TRow>();
  for (const row of perCurrency) {
    const into = totalsPerCurrency.get(row.currency);
    totalsPerCurrency.set(
      row.currency,
      into
        ? {
            ...into,
            ...Object.fromEntries(MONEY_FIELDS.map((f) => [f, new Decimal(into[f]).plus(row[f]).toFixed(2)])),
            ...Object.fromEntries(COUNT_FIELDS.map((f) => [f, into[f] + row[f]])),
          }
        : { ...row },
    );
  }
  const totals = [...totalsPerCurrency.values()].map(({ key: _key, ...figures }) => figures);
  const base = await findRates(trx, actor.workspaceId, [...totalsPerCurrency.keys()]);
  if (!base) return { groupBy: query.groupBy, baseCurrency: null, rows: perCurrency, totals };
  const converted = convertRows(perCurrency, (row) => row.key ?? '', base).sort((a, b) =>
    a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key),
  );
  return {
    groupBy: query.groupBy,
    baseCurrency: base.baseCurrency,
    rows: converted,
    totals: convertRows(totals, () => '', base),
  };
}

/**
 * Column totals of a board: per stage and currency, count, amount and weighted amount. They come
 * from `deal_stage_totals`, kept per owner by triggers on the deal writes (migration 0019), so the
 * cost is the number of stages × currencies × owners, not the number of deals.
 */
export async function getBoardSummary(trx: TTrx, actor: TActor, pipelineId: string) {
  assertCanRead(actor, 'deals');
  const pipeline = await getPipelineRow(trx, actor, pipelineId);
  const rows = await sql<{
    stageId: string;
    currency: string;
    count: number;
    amount: string;
    weighted: string;
  }>`
    select t.stage_id as "stageId", t.currency, sum(t.deal_count)::int as count, sum(t.amount)::text as amount,
           sum(t.weighted)::text as weighted
      from deal_stage_totals t
     where t.workspace_id = ${actor.workspaceId}::uuid and t.pipeline_id = ${pipeline.id}::uuid
       and ${ownerScope(actor, 't')}
     group by 1, 2 having sum(t.deal_count) > 0 order by 1, 2`.execute(trx);
  return {
    data: rows.rows.map((row) => ({
      ...row,
      amount: new Decimal(row.amount).toFixed(2),
      weighted: new Decimal(row.weighted).toFixed(2),
    })),
  };
}
