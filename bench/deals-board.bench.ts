// The deals board at scale: its first load (column totals + the first 50 cards of every stage) and
// a column's "load more" walking by cursor — Kap's HTTP API (in-process, app.inject) against the
// equivalent hand-written SQL on the same database, in one run.
//   npx tsx bench/deals-board.bench.ts [--deals 200000]   (embedded PostgreSQL 18)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapbenchdeals npx tsx bench/deals-board.bench.ts
// With DATABASE_URL the database is dropped and created again first (it must not be Kap's own).
import { parseArgs } from 'node:util';
import type { TPipeline } from '@kap/shared';
import { benchAccount, loggedInApp, recreateBenchDatabase, workspaceConnection } from './bench-setup.ts';
import { openBenchDatabase, report, timeEach } from './lib.ts';

const { values } = parseArgs({
  options: {
    deals: { type: 'string', default: '200000' },
    iterations: { type: 'string', default: '100' },
    pageSize: { type: 'string', default: '50' },
  },
});
const dealCount = Number(values.deals);
const iterations = Number(values.iterations);
const pageSize = Number(values.pageSize);

await recreateBenchDatabase({ keep: ['kapbench360'] });

const database = await openBenchDatabase();
console.log(
  `Kap deals board bench — ${database.label}, ${dealCount.toLocaleString('en')} deals in one pipeline`,
);
const { email, password, userId, workspaceId } = await benchAccount(database, 'Bench deals');
const { app, get } = await loggedInApp(database, email, password);
const pipeline = (await get<{ data: TPipeline[] }>('/api/v1/pipelines')).data.find((p) => p.isDefault);
if (!pipeline) throw new Error('no default pipeline');

// The seed: set-based SQL. Stages fill like a real funnel (Lead 35 %, Qualified 25 %, Proposal 15 %,
// Negotiation 10 %, Won 10 %, Lost 5 %), two currencies, updates spread over a year, two line items
// on every fourth deal.
const seedStarted = performance.now();
const stageIds = pipeline.stages.map((s) => s.id);
await database.pool.query(
  `insert into deals (workspace_id, id, name, pipeline_id, stage_id, status, amount, currency, owner_id,
                      lost_reason, stage_entered_at, created_at, updated_at)
   select $1::uuid, gen_random_uuid(), 'Deal ' || i, $2::uuid, st.id, st.kind, (i % 9973) * 10.5,
          case when i % 3 = 0 then 'USD' else 'EUR' end, $3::uuid,
          case when st.kind = 'lost' then 'Price' end, now(), now() - interval '1 second' * i,
          now() - interval '1 second' * (i * 157 % 31536000)
     from generate_series(1, $4::int) i
     join lateral (select s.id, s.kind from pipeline_stages s
                    where s.workspace_id = $1::uuid and s.id = ($5::uuid[])[
                      case when i % 20 < 7 then 1 when i % 20 < 12 then 2 when i % 20 < 15 then 3
                           when i % 20 < 17 then 4 when i % 20 < 19 then 5 else 6 end]) st on true`,
  [workspaceId, pipeline.id, userId, dealCount, stageIds],
);
await database.pool.query(
  `insert into deal_line_items (workspace_id, deal_id, position, name, quantity, unit_price, discount_percent)
   select d.workspace_id, d.id, p, 'Item ' || p, p + 1, 99.95, 5
     from (select workspace_id, id from deals where workspace_id = $1::uuid and abs(hashtext(id::text)) % 4 = 0) d
     cross join generate_series(0, 1) p`,
  [workspaceId],
);
await database.pool.query('analyze deals; analyze deal_line_items; analyze pipeline_stages');
console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

const raw = await workspaceConnection(database, workspaceId);
const rawPage = async (stageId: string, after: { updatedAt: string; id: string } | null) => {
  const page = await raw.query<{ id: string; u: string }>(
    `select d.*, s.probability, to_char(d.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as u
       from deals d join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
      where d.workspace_id = $1 and d.pipeline_id = $2 and d.stage_id = $3
      ${after ? 'and (d.updated_at, d.id) < ($4::timestamptz, $5::uuid)' : ''}
      order by d.updated_at desc, d.id desc limit ${pageSize + 1}`,
    after
      ? [workspaceId, pipeline.id, stageId, after.updatedAt, after.id]
      : [workspaceId, pipeline.id, stageId],
  );
  const ids = page.rows.slice(0, pageSize).map((row) => row.id);
  await raw.query('select * from deal_people where workspace_id = $1 and deal_id = any($2)', [
    workspaceId,
    ids,
  ]);
  await raw.query('select * from deal_line_items where workspace_id = $1 and deal_id = any($2)', [
    workspaceId,
    ids,
  ]);
  const last = page.rows[pageSize - 1];
  return last ? { updatedAt: last.u, id: last.id } : null;
};
const rawSummary = () =>
  raw.query(
    `select stage_id, currency, sum(deal_count)::int, sum(amount)::text, sum(weighted)::text
       from deal_stage_totals where workspace_id = $1 and pipeline_id = $2
      group by 1, 2 having sum(deal_count) > 0 order by 1, 2`,
    [workspaceId, pipeline.id],
  );
// What the totals cost when summed from the deals themselves (the summary before migration 0019).
const rawSummaryFromDeals = () =>
  raw.query(
    `select d.stage_id, d.currency, count(*)::int, sum(d.amount)::text, sum(round(d.amount * s.probability / 100, 2))::text
       from deals d join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
      where d.workspace_id = $1 and d.pipeline_id = $2 group by 1, 2 order by 1, 2`,
    [workspaceId, pipeline.id],
  );
const stagePageUrl = (stageId: string, cursor: string | null) =>
  `/api/v1/deals?pipelineId=${pipeline.id}&stageId=${stageId}&sort=-updatedAt&limit=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`;

// 1. The board's first load: the totals and every column's first page, as the page asks for them
// (the browser sends them at once; here one after another, so the figure is their sum).
const boardIterations = Math.max(10, Math.floor(iterations / 5));
const apiBoard = await timeEach(boardIterations, async () => {
  await get(`/api/v1/pipelines/${pipeline.id}/summary`);
  for (const stageId of stageIds) await get(stagePageUrl(stageId, null));
});
const rawBoard = await timeEach(boardIterations, async () => {
  await rawSummary();
  for (const stageId of stageIds) await rawPage(stageId, null);
});
report(
  `Board first load (column totals + ${stageIds.length} columns × ${pageSize} cards)`,
  apiBoard,
  rawBoard,
);

// 2. Its parts: the totals alone, and one column's pages walked by cursor ("load more").
const apiSummary = await timeEach(boardIterations, async () => {
  await get(`/api/v1/pipelines/${pipeline.id}/summary`);
});
const rawSummaries = await timeEach(boardIterations, async () => {
  await rawSummary();
});
report(
  'Column totals (GET /pipelines/:id/summary; raw: the same read of deal_stage_totals)',
  apiSummary,
  rawSummaries,
);
const fromDeals = await timeEach(boardIterations, async () => {
  await rawSummaryFromDeals();
});
report(
  'Column totals, raw: kept totals vs summed from every deal (before migration 0019)',
  rawSummaries,
  fromDeals,
);

const leadId = stageIds[0] ?? '';
let cursor: string | null = null;
const apiMore = await timeEach(iterations, async () => {
  cursor = (await get<{ nextCursor: string | null }>(stagePageUrl(leadId, cursor))).nextCursor;
});
let after: { updatedAt: string; id: string } | null = null;
const rawMore = await timeEach(iterations, async () => {
  after = await rawPage(leadId, after);
});
report(`"Load more" in the largest column (${pageSize} cards a page, walking by cursor)`, apiMore, rawMore);

raw.release();
await app.close();
await database.close();
