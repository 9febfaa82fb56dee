import type { TBoardSummary, TDeal, TPipeline } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { dealsKit } from './deals-test-kit.ts';

// The board's columns: each stage read a keyset page at a time (newest change first), with the
// column totals from the pipeline summary; both scoped to the deals the caller may see.
const { app, db } = await createTestApp();
const kit = dealsKit(app);

let owner: TSession;
let sales: TSession;
let pipeline: TPipeline;
const stageId = (name: string) => pipeline.stages.find((s) => s.name === name)?.id ?? '';

beforeAll(async () => {
  owner = await signUp(app, 'Board columns');
  sales = await addMember(app, db, owner, 'sales');
  pipeline = await kit.defaultPipeline(owner);
});

async function columnPage(session: TSession, stage: string, limit: number, cursor: string | null) {
  const response = await kit.call(
    session,
    'GET',
    `/api/v1/deals?pipelineId=${pipeline.id}&stageId=${stageId(stage)}&sort=-updatedAt&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { data: TDeal[]; nextCursor: string | null };
}

async function walkColumn(session: TSession, stage: string, limit: number): Promise<TDeal[]> {
  const cards: TDeal[] = [];
  let cursor: string | null = null;
  do {
    const page = await columnPage(session, stage, limit, cursor);
    expect(page.data.length).toBeLessThanOrEqual(limit);
    cards.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return cards;
}

async function summary(session: TSession): Promise<TBoardSummary> {
  const response = await kit.call(session, 'GET', `/api/v1/pipelines/${pipeline.id}/summary`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const countIn = (s: TBoardSummary, stage: string) =>
  s.data.filter((row) => row.stageId === stageId(stage)).reduce((n, row) => n + row.count, 0);

describe('board columns', () => {
  it('walks a stage page by page, newest change first, each deal once, as many as the summary counts', async () => {
    const made: TDeal[] = [];
    for (let i = 0; i < 7; i++)
      made.push(
        await kit.createDeal(i % 2 === 0 ? owner : sales, {
          name: `Qualified ${i}`,
          amount: `${100 + i}.10`,
          currency: 'EUR',
          stageId: stageId('Qualified'),
        }),
      );
    await kit.createDeal(owner, { name: 'Elsewhere', currency: 'EUR', stageId: stageId('Proposal') });

    const cards = await walkColumn(owner, 'Qualified', 3);
    expect(cards.map((d) => d.name)).toEqual(made.map((d) => d.name).reverse());
    expect(new Set(cards.map((d) => d.id)).size).toBe(7);
    expect(countIn(await summary(owner), 'Qualified')).toBe(7);
    const eur = (await summary(owner)).data.find((r) => r.stageId === stageId('Qualified'));
    // 7 × 100.10 + (0 + … + 6) = 721.70; 25 % of each deal rounded half-up (25.025 → 25.03 …):
    // 180.46, not 25 % of the sum (180.425).
    expect(eur).toMatchObject({ count: 7, amount: '721.70', weighted: '180.46' });

    // An own-scope member pages through and counts only their own deals.
    const own = await walkColumn(sales, 'Qualified', 2);
    expect(own.map((d) => d.name)).toEqual(['Qualified 5', 'Qualified 3', 'Qualified 1']);
    expect(countIn(await summary(sales), 'Qualified')).toBe(3);
  });

  it('a moved deal leads its new column and leaves the old one; the totals follow', async () => {
    const first = await columnPage(owner, 'Qualified', 3, null);
    const oldest = (await walkColumn(owner, 'Qualified', 3)).at(-1);
    if (!oldest) throw new Error('no deals');
    await kit.move(owner, oldest, stageId('Negotiation'));
    expect((await columnPage(owner, 'Negotiation', 3, null)).data[0]?.id).toBe(oldest.id);
    const rest = await walkColumn(owner, 'Qualified', 3);
    expect(rest.map((d) => d.id)).not.toContain(oldest.id);
    expect(rest).toHaveLength(6);
    // A cursor from before the move still continues where it was.
    const next = await columnPage(owner, 'Qualified', 3, first.nextCursor);
    expect(next.data.map((d) => d.id)).toEqual(rest.slice(3, 6).map((d) => d.id));
    const after = await summary(owner);
    expect(countIn(after, 'Qualified')).toBe(6);
    expect(countIn(after, 'Negotiation')).toBe(1);
  });

  it('refuses a forged cursor and a stage of another workspace gives an empty column', async () => {
    const forged = await kit.call(
      owner,
      'GET',
      `/api/v1/deals?pipelineId=${pipeline.id}&stageId=${stageId('Qualified')}&sort=-updatedAt&cursor=bm90LWEtY3Vyc29y`,
    );
    expect(errorOf(forged, 400)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'cursor' }] });
    const stranger = await signUp(app, 'Board stranger');
    const page = await columnPage(stranger, 'Qualified', 3, null);
    expect(page).toEqual({ data: [], nextCursor: null });
  });
});
