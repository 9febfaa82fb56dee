import type { TDeal, TPipeline } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';
import { dealsKit } from './deals-test-kit.ts';

// The board's column totals are kept by triggers on every deal write (migration 0019): after any
// mix of writes they must equal what the deals themselves add up to, per stage, currency and owner.
const { app, db } = await createTestApp();
const kit = dealsKit(app);

let owner: TSession;
let sales: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Stage totals');
  sales = await addMember(app, db, owner, 'sales');
});

type TTotalsRow = {
  stageId: string;
  currency: string;
  ownerId: string | null;
  n: number;
  amount: string;
  weighted: string;
};

/** The kept totals and the same figures computed from the deals, both as the table owner. */
async function keptAndComputed(workspaceId: string) {
  const kept = await sql<TTotalsRow>`
    select stage_id as "stageId", currency, owner_id as "ownerId", deal_count as n, amount::text, weighted::text
      from deal_stage_totals where workspace_id = ${workspaceId}::uuid
     order by 1, 2, 3 nulls first`.execute(db);
  const computed = await sql<TTotalsRow>`
    select d.stage_id as "stageId", d.currency, d.owner_id as "ownerId", count(*)::int as n,
           sum(d.amount)::numeric(22, 2)::text as amount,
           sum(round(d.amount * s.probability / 100, 2))::numeric(22, 2)::text as weighted
      from deals d join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
     where d.workspace_id = ${workspaceId}::uuid
     group by 1, 2, 3 order by 1, 2, 3 nulls first`.execute(db);
  return { kept: kept.rows, computed: computed.rows };
}

describe('kept column totals', () => {
  it('equal the deals after creates, edits, moves, bulk changes, deletes and stage changes', async () => {
    const workspaceId = owner.me.workspace.id;
    const pipeline: TPipeline = await kit.defaultPipeline(owner);
    const stageId = (name: string) => pipeline.stages.find((s) => s.name === name)?.id ?? '';
    const made: TDeal[] = [];
    for (const [i, session] of [owner, sales, owner, sales, owner, owner].entries())
      made.push(
        await kit.createDeal(session, {
          name: `Totals ${i}`,
          amount: `${1000 + i * 37}.55`,
          currency: i % 3 === 0 ? 'USD' : 'EUR',
          stageId: stageId(i < 3 ? 'Lead' : 'Qualified'),
        }),
      );
    const [a, b, c, d, e, f] = made;
    if (!a || !b || !c || !d || !e || !f) throw new Error('deals');
    const patch = (deal: TDeal, body: object) =>
      kit.call(owner, 'PATCH', `/api/v1/deals/${deal.id}`, body, { 'if-match': `"${deal.version}"` });

    expect((await patch(a, { amount: '12.35' })).statusCode).toBe(200);
    expect((await patch(b, { currency: 'GBP', name: 'Renamed' })).statusCode).toBe(200);
    expect((await patch(c, { ownerId: sales.me.user?.id })).statusCode).toBe(200);
    expect((await patch(d, { expectedCloseDate: '2027-01-01' })).statusCode).toBe(200);
    await kit.move(owner, e, stageId('Proposal'));
    const bulkStage = await kit.call(owner, 'POST', '/api/v1/deals/bulk', {
      action: 'setStage',
      value: stageId('Negotiation'),
      ids: [d.id, f.id],
    });
    expect(bulkStage.statusCode, bulkStage.body).toBe(200);
    const bulkOwner = await kit.call(owner, 'POST', '/api/v1/deals/bulk', {
      action: 'setOwner',
      value: null,
      ids: [f.id],
    });
    expect(bulkOwner.statusCode, bulkOwner.body).toBe(200);
    const removed = await kit.call(owner, 'DELETE', `/api/v1/deals/${a.id}`, undefined, {
      'if-match': `"${a.version + 1}"`,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    let check = await keptAndComputed(workspaceId);
    expect(check.kept).toEqual(check.computed);

    // A new probability re-weighs the stage; deleting a stage moves its deals with their totals.
    const changed = await kit.call(owner, 'PATCH', `/api/v1/pipelines/${pipeline.id}`, {
      stages: pipeline.stages.map(({ id, name, probability, kind }) => ({
        id,
        name,
        kind,
        probability: name === 'Negotiation' ? 33 : probability,
      })),
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const dropped = await kit.call(
      owner,
      'DELETE',
      `/api/v1/pipelines/${pipeline.id}/stages/${stageId('Lead')}?moveDealsTo=${stageId('Qualified')}`,
    );
    expect(dropped.statusCode, dropped.body).toBe(200);
    check = await keptAndComputed(workspaceId);
    expect(check.kept).toEqual(check.computed);
    expect(check.kept.some((row) => row.stageId === stageId('Lead'))).toBe(false);

    // The summary reads them: all of them for the owner, their own for an own-scope member.
    const all = (await kit.call(owner, 'GET', `/api/v1/pipelines/${pipeline.id}/summary`)).json();
    const own = (await kit.call(sales, 'GET', `/api/v1/pipelines/${pipeline.id}/summary`)).json();
    const count = (s: { data: { count: number }[] }) => s.data.reduce((n, row) => n + row.count, 0);
    expect(count(all)).toBe(5);
    expect(count(own)).toBe(3); // b and d (theirs, wherever they moved) and c (given to them)
  });
});
