import type { TDeal, TForecast, TPipeline, TPipelineStats } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { dealsKit } from './deals-test-kit.ts';

const { app, db } = await createTestApp();
const kit = dealsKit(app);

let owner: TSession;
let sales: TSession;
let salesPipeline: TPipeline;

beforeAll(async () => {
  owner = await signUp(app, 'Deal stats');
  sales = await addMember(app, db, owner, 'sales');
  // Used first, so the lazily created default stays the default (a workspace's first pipeline is).
  salesPipeline = await kit.defaultPipeline(owner);
});

describe('pipeline stats from a known history', () => {
  it('time in stage (avg, median) and conversion per stage', async () => {
    const pipeline = await kit.createPipeline(owner, {
      name: 'Known history',
      stages: [
        { name: 'A', probability: 10 },
        { name: 'B', probability: 50 },
        { name: 'C', probability: 70 },
        { name: 'W', probability: 100, kind: 'won' },
        { name: 'L', probability: 0, kind: 'lost' },
      ],
    });
    const [a, b, c, w, l] = pipeline.stages;
    if (!a || !b || !c || !w || !l) throw new Error('stages');
    const deals: TDeal[] = [];
    for (const name of ['d1', 'd2', 'd3', 'd4']) {
      deals.push(await kit.createDeal(owner, { name, currency: 'EUR', pipelineId: pipeline.id }));
    }
    // The history as if the moves had happened at these seconds after t0 (written straight to the
    // table: the API records "now"). d1 A→B→W, d2 A→B→L, d3 A→C (skips B), d4 stays in A.
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const paths: [number, string][][] = [
      [
        [0, a.id],
        [100, b.id],
        [400, w.id],
      ],
      [
        [0, a.id],
        [300, b.id],
        [500, l.id],
      ],
      [
        [0, a.id],
        [200, c.id],
      ],
      [[0, a.id]],
    ];
    const ws = owner.me.workspace?.id ?? '';
    for (const [index, path] of paths.entries()) {
      const deal = deals[index];
      if (!deal) throw new Error('deal');
      await db.deleteFrom('dealStageHistory').where('dealId', '=', deal.id).execute();
      let from: string | null = null;
      for (const [seconds, stageId] of path) {
        await db
          .insertInto('dealStageHistory')
          .values({
            workspaceId: ws,
            id: crypto.randomUUID(),
            dealId: deal.id,
            pipelineId: pipeline.id,
            fromStageId: from,
            toStageId: stageId,
            movedAt: new Date(t0 + seconds * 1000),
            movedBy: null,
            movedByType: 'system',
            movedByName: 'test',
          })
          .execute();
        from = stageId;
      }
      const last = path.at(-1)?.[1] ?? a.id;
      const kind = last === w.id ? 'won' : last === l.id ? 'lost' : 'open';
      await db
        .updateTable('deals')
        .set({ stageId: last, status: kind, lostReason: kind === 'lost' ? 'price' : null })
        .where('id', '=', deal.id)
        .execute();
    }
    const response = await kit.call(owner, 'GET', `/api/v1/pipelines/${pipeline.id}/stats`);
    expect(response.statusCode, response.body).toBe(200);
    const stats = (response.json() as TPipelineStats).stages.map(
      ({ stageId: _s, kind: _k, ...rest }) => rest,
    );
    expect(stats).toEqual([
      // A: 4 entered; d1, d2 (to B) and d3 (to C) went further: 3/4; d1 won: 1/4; stays 100, 300, 200.
      {
        name: 'A',
        currentDeals: 1,
        entered: 4,
        advanced: 3,
        won: 1,
        conversionRate: 0.75,
        winRate: 0.25,
        completedStays: 3,
        avgSecondsInStage: 200,
        medianSecondsInStage: 200,
      },
      // B: d1 and d2; d1 reached W (further, not lost), d2 was lost: 1/2; stays 300 and 200.
      {
        name: 'B',
        currentDeals: 0,
        entered: 2,
        advanced: 1,
        won: 1,
        conversionRate: 0.5,
        winRate: 0.5,
        completedStays: 2,
        avgSecondsInStage: 250,
        medianSecondsInStage: 250,
      },
      {
        name: 'C',
        currentDeals: 1,
        entered: 1,
        advanced: 0,
        won: 0,
        conversionRate: 0,
        winRate: 0,
        completedStays: 0,
        avgSecondsInStage: null,
        medianSecondsInStage: null,
      },
      {
        name: 'W',
        currentDeals: 1,
        entered: 1,
        advanced: 0,
        won: 1,
        conversionRate: null,
        winRate: 1,
        completedStays: 0,
        avgSecondsInStage: null,
        medianSecondsInStage: null,
      },
      {
        name: 'L',
        currentDeals: 1,
        entered: 1,
        advanced: 0,
        won: 0,
        conversionRate: null,
        winRate: 0,
        completedStays: 0,
        avgSecondsInStage: null,
        medianSecondsInStage: null,
      },
    ]);
  });
});

describe('forecast, hand-computed', () => {
  const row = (forecast: TForecast, key: string | null, currency: string) =>
    forecast.rows.find((r) => r.key === key && r.currency === currency);

  it('weighted and unweighted by month and by owner; won/lost totals; converted once a rate exists', async () => {
    const pipeline = salesPipeline;
    expect((await kit.defaultPipeline(owner)).id).toBe(pipeline.id);
    const stage = (name: string) => pipeline.stages.find((s) => s.name === name)?.id ?? '';
    const make = (
      session: TSession,
      name: string,
      amount: string,
      currency: string,
      stageName: string,
      close: string | null,
    ) =>
      kit.createDeal(session, {
        name,
        amount,
        currency,
        stageId: stage(stageName),
        expectedCloseDate: close,
      });
    await make(owner, 'f1', '1000.00', 'EUR', 'Proposal', '2027-01-15'); // weighted 500.00
    await make(owner, 'f2', '333.33', 'EUR', 'Lead', '2027-01-31'); // 33.333 → 33.33
    await make(owner, 'f3', '2000', 'EUR', 'Negotiation', '2027-02-10'); // 1500.00
    await make(owner, 'f4', '500', 'USD', 'Qualified', '2027-01-20'); // 125.00
    await make(sales, 'f5', '400', 'EUR', 'Qualified', '2027-02-01'); // 100.00
    const f6 = await make(sales, 'f6', '700', 'EUR', 'Proposal', '2027-03-01');
    const f7 = await make(sales, 'f7', '300', 'EUR', 'Proposal', null);
    await kit.move(sales, f6, stage('Won'));
    await kit.move(sales, f7, stage('Lost'), 'Too expensive');
    const thisMonth = new Date().toISOString().slice(0, 7);

    const byMonth = (
      await kit.call(owner, 'GET', `/api/v1/deals/forecast?pipelineId=${pipeline.id}&groupBy=month`)
    ).json() as TForecast;
    expect(byMonth.baseCurrency).toBeNull(); // no USD rate yet: per currency
    expect(row(byMonth, '2027-01', 'EUR')).toMatchObject({
      openCount: 2,
      unweighted: '1333.33',
      weighted: '533.33',
      wonCount: 0,
      won: '0.00',
    });
    expect(row(byMonth, '2027-01', 'USD')).toMatchObject({
      openCount: 1,
      unweighted: '500.00',
      weighted: '125.00',
    });
    expect(row(byMonth, '2027-02', 'EUR')).toMatchObject({
      openCount: 2,
      unweighted: '2400.00',
      weighted: '1600.00',
    });
    expect(row(byMonth, thisMonth, 'EUR')).toMatchObject({
      openCount: 0,
      wonCount: 1,
      won: '700.00',
      lostCount: 1,
      lost: '300.00',
    });
    expect(byMonth.totals).toEqual([
      {
        currency: 'EUR',
        openCount: 4,
        unweighted: '3733.33',
        weighted: '2133.33',
        wonCount: 1,
        won: '700.00',
        lostCount: 1,
        lost: '300.00',
      },
      {
        currency: 'USD',
        openCount: 1,
        unweighted: '500.00',
        weighted: '125.00',
        wonCount: 0,
        won: '0.00',
        lostCount: 0,
        lost: '0.00',
      },
    ]);

    const byOwner = (
      await kit.call(owner, 'GET', `/api/v1/deals/forecast?pipelineId=${pipeline.id}&groupBy=owner`)
    ).json() as TForecast;
    expect(row(byOwner, owner.me.user?.id ?? '', 'EUR')).toMatchObject({
      openCount: 3,
      unweighted: '3333.33',
      weighted: '2033.33',
    });
    expect(row(byOwner, sales.me.user?.id ?? '', 'EUR')).toMatchObject({
      openCount: 1,
      unweighted: '400.00',
      weighted: '100.00',
      won: '700.00',
      lost: '300.00',
    });
    // A sales member (own scope) forecasts only their own deals.
    const own = (
      await kit.call(sales, 'GET', `/api/v1/deals/forecast?pipelineId=${pipeline.id}&groupBy=owner`)
    ).json() as TForecast;
    expect(own.rows.map((r) => r.key)).toEqual([sales.me.user?.id]);

    const today = new Date().toISOString().slice(0, 10);
    const rate = await kit.call(owner, 'PUT', '/api/v1/exchange-rates', {
      rates: [{ currency: 'USD', date: today, rate: '0.9' }],
    });
    expect(rate.statusCode, rate.body).toBe(200);
    const converted = (
      await kit.call(owner, 'GET', `/api/v1/deals/forecast?pipelineId=${pipeline.id}`)
    ).json() as TForecast;
    expect(converted.baseCurrency).toBe('EUR');
    // 2027-01: 1333.33 + 500 × 0.9 = 1783.33; weighted 533.33 + 125 × 0.9 = 645.83.
    expect(row(converted, '2027-01', 'EUR')).toMatchObject({
      openCount: 3,
      unweighted: '1783.33',
      weighted: '645.83',
    });
    expect(converted.totals).toEqual([
      {
        currency: 'EUR',
        openCount: 5,
        unweighted: '4183.33',
        weighted: '2245.83',
        wonCount: 1,
        won: '700.00',
        lostCount: 1,
        lost: '300.00',
      },
    ]);
  });
});

describe('deal lists', () => {
  it('filters, sorts, saved views and bulk owner/stage', async () => {
    const ws = await signUp(app, 'Deal lists');
    const pipeline = await kit.defaultPipeline(ws);
    const stage = (name: string) => pipeline.stages.find((s) => s.name === name)?.id ?? '';
    const person = (await kit.call(ws, 'POST', '/api/v1/people', { firstName: 'Lia' })).json();
    await kit.call(ws, 'POST', '/api/v1/custom-fields', {
      objectType: 'deal',
      key: 'region',
      label: 'Region',
      type: 'text',
    });
    await kit.createDeal(ws, {
      name: 'Small',
      amount: '100',
      currency: 'EUR',
      expectedCloseDate: '2027-01-01',
    });
    await kit.createDeal(ws, {
      name: 'Big',
      amount: '5000',
      currency: 'EUR',
      personIds: [person.id],
      customFields: { region: 'north' },
    });
    await kit.createDeal(ws, {
      name: 'Medium',
      amount: '900.50',
      currency: 'USD',
      stageId: stage('Proposal'),
    });
    const names = async (query: string) => {
      const response = await kit.call(
        ws,
        'GET',
        `/api/v1/deals?${query.includes('limit=') ? '' : 'limit=50'}${query}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().data as TDeal[]).map((d) => d.name);
    };
    const filter = (f: unknown) => `&filter=${encodeURIComponent(JSON.stringify(f))}`;
    expect(await names(`${filter({ field: 'amount', op: 'gt', value: 900 })}&sort=-amount`)).toEqual([
      'Big',
      'Medium',
    ]);
    expect(await names(filter({ field: 'probability', op: 'gte', value: 50 }))).toEqual(['Medium']);
    expect(await names(filter({ field: 'personIds', op: 'eq', value: person.id }))).toEqual(['Big']);
    expect(await names(filter({ field: 'customFields.region', op: 'eq', value: 'north' }))).toEqual(['Big']);
    expect(await names(`${filter({ field: 'expectedCloseDate', op: 'isNotEmpty' })}`)).toEqual(['Small']);
    expect(await names('&sort=name&limit=2')).toEqual(['Big', 'Medium']);
    const unknown = await kit.call(
      ws,
      'GET',
      `/api/v1/deals?limit=5${filter({ field: 'nope', op: 'eq', value: 1 })}`,
    );
    expect(errorOf(unknown, 400).details?.[0]?.path).toBe('filter.field');

    const view = await kit.call(ws, 'POST', '/api/v1/views', {
      objectType: 'deal',
      name: 'Euro deals',
      filter: { field: 'currency', op: 'eq', value: 'eur' },
      sort: '-amount',
    });
    expect(view.statusCode, view.body).toBe(201);
    expect(await names(`&viewId=${view.json().id}`)).toEqual(['Big', 'Small']);

    const member = await addMember(app, db, ws, 'sales');
    const bulk = await kit.call(ws, 'POST', '/api/v1/deals/bulk', {
      action: 'setOwner',
      value: member.me.user?.id,
      filter: { field: 'currency', op: 'eq', value: 'EUR' },
    });
    expect(bulk.json()).toEqual({ affected: 2 });
    expect(
      (await kit.call(member, 'GET', '/api/v1/deals?sort=name')).json().data.map((d: TDeal) => d.name),
    ).toEqual(['Big', 'Small']);
    const toLost = await kit.call(ws, 'POST', '/api/v1/deals/bulk', {
      action: 'setStage',
      value: stage('Lost'),
      filter: { and: [] },
    });
    expect(errorOf(toLost, 400).details?.[0]?.path).toBe('lostReason');
    const toWon = await kit.call(ws, 'POST', '/api/v1/deals/bulk', {
      action: 'setStage',
      value: stage('Won'),
      filter: { and: [] },
    });
    expect(toWon.json()).toEqual({ affected: 3 });
    expect(await names(filter({ field: 'status', op: 'eq', value: 'won' }))).toHaveLength(3);
  });
});
