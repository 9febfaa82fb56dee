import type { TDeal, TPipeline } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { dealsKit } from './deals-test-kit.ts';

const { app, db } = await createTestApp();
const kit = dealsKit(app);

let owner: TSession;
let sales: TSession;
let viewer: TSession;
let other: TSession;
let pipeline: TPipeline;
const stage = (name: string) => {
  const found = pipeline.stages.find((s) => s.name === name);
  if (!found) throw new Error(name);
  return found;
};

beforeAll(async () => {
  owner = await signUp(app, 'Deals');
  other = await signUp(app, 'Other deals');
  sales = await addMember(app, db, owner, 'sales');
  viewer = await addMember(app, db, owner, 'viewer');
  pipeline = await kit.defaultPipeline(owner);
});

describe('deals', () => {
  it('round-trips every field; money stays exact; line items give the amount', async () => {
    const person = (
      await kit.call(owner, 'POST', '/api/v1/people', { firstName: 'Ani', lastName: 'Petrosyan' })
    ).json();
    const company = (await kit.call(owner, 'POST', '/api/v1/companies', { name: 'Ararat Foods' })).json();
    const deal = await kit.createDeal(owner, {
      name: 'Ararat rollout',
      currency: 'eur',
      expectedCloseDate: '2027-03-31',
      personIds: [person.id],
      companyId: company.id,
      source: 'referral',
      lineItems: [
        { name: 'Licences', quantity: '3', unitPrice: '1000.10', discountPercent: '10' },
        { name: 'Setup', unitPrice: '0.05' },
      ],
    });
    expect(deal).toMatchObject({
      name: 'Ararat rollout',
      pipelineId: pipeline.id,
      stageId: stage('Lead').id,
      status: 'open',
      probability: 10,
      // 3 × 1000.10 × 0.9 = 2700.27, + 0.05
      amount: '2700.32',
      weightedAmount: '270.03',
      currency: 'EUR',
      expectedCloseDate: '2027-03-31',
      ownerId: owner.me.user?.id,
      personIds: [person.id],
      companyId: company.id,
      source: 'referral',
      lostReason: null,
      closedAt: null,
      version: 1,
    });
    expect(deal.lineItems).toEqual([
      {
        productId: null,
        name: 'Licences',
        quantity: '3',
        unitPrice: '1000.10',
        discountPercent: '10',
        total: '2700.27',
      },
      {
        productId: null,
        name: 'Setup',
        quantity: '1',
        unitPrice: '0.05',
        discountPercent: '0',
        total: '0.05',
      },
    ]);
    const patched = await kit.call(
      owner,
      'PATCH',
      `/api/v1/deals/${deal.id}`,
      { amount: '12345678901234567.89', expectedCloseDate: null },
      { 'if-match': '"1"' },
    );
    expect(patched.json()).toMatchObject({
      amount: '12345678901234567.89',
      expectedCloseDate: null,
      version: 2,
    });
    errorOf(
      await kit.call(owner, 'PATCH', `/api/v1/deals/${deal.id}`, { name: 'x' }, { 'if-match': '"1"' }),
      412,
    );
    const bad = await kit.call(owner, 'POST', '/api/v1/deals', {
      name: '',
      currency: 'XXY',
      amount: '1.234',
      personIds: ['not-an-id'],
    });
    const paths = errorOf(bad, 400).details?.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'currency', 'amount', 'personIds.0']));
    const missingItem = await kit.call(owner, 'POST', '/api/v1/deals', {
      name: 'No price',
      currency: 'EUR',
      lineItems: [{ name: 'Thing' }],
    });
    expect(errorOf(missingItem, 400).details?.[0]?.path).toBe('lineItems.0.unitPrice');
    const foreignPerson = (
      await kit.call(other, 'POST', '/api/v1/people', { firstName: 'Elsewhere' })
    ).json();
    const linkForeign = await kit.call(owner, 'POST', '/api/v1/deals', {
      name: 'Foreign',
      currency: 'EUR',
      personIds: [foreignPerson.id],
    });
    expect(errorOf(linkForeign, 400).details?.[0]?.path).toBe('personIds.0');
  });

  it('a move is recorded in the history (from, to, who); lost needs a reason; a stale move is 412', async () => {
    const deal = await kit.createDeal(sales, { name: 'Board move', currency: 'USD', amount: '1000' });
    const moved = await kit.move(sales, deal, stage('Proposal').id);
    expect(moved).toMatchObject({
      stageId: stage('Proposal').id,
      probability: 50,
      weightedAmount: '500.00',
      version: 2,
    });
    // The board still holds version 1: a second drag from it is refused, nothing is written.
    const stale = await kit.call(
      sales,
      'POST',
      `/api/v1/deals/${deal.id}/move`,
      { stageId: stage('Negotiation').id },
      { 'if-match': '"1"' },
    );
    errorOf(stale, 412);
    const noReason = await kit.call(sales, 'POST', `/api/v1/deals/${deal.id}/move`, {
      stageId: stage('Lost').id,
    });
    expect(errorOf(noReason, 400).details?.[0]?.path).toBe('lostReason');
    const lost = await kit.move(sales, moved, stage('Lost').id, 'Budget cut');
    expect(lost).toMatchObject({ status: 'lost', lostReason: 'Budget cut', probability: 0 });
    expect(lost.closedAt).not.toBeNull();
    const reopened = await kit.move(sales, lost, stage('Qualified').id);
    expect(reopened).toMatchObject({ status: 'open', lostReason: null, closedAt: null });

    const history = (await kit.call(sales, 'GET', `/api/v1/deals/${deal.id}/stage-history`)).json().data;
    expect(
      history.map(
        (h: { fromStageId: string | null; toStageId: string; movedBy: { id: string; name: string } }) => [
          h.fromStageId,
          h.toStageId,
          h.movedBy.id,
        ],
      ),
    ).toEqual([
      [null, stage('Lead').id, sales.me.user?.id],
      [stage('Lead').id, stage('Proposal').id, sales.me.user?.id],
      [stage('Proposal').id, stage('Lost').id, sales.me.user?.id],
      [stage('Lost').id, stage('Qualified').id, sales.me.user?.id],
    ]);
    // The deal's timeline shows the moves.
    const timeline = (
      await kit.call(sales, 'GET', `/api/v1/deals/${deal.id}/timeline?kinds=stageMove`)
    ).json().data;
    expect(timeline[0]).toMatchObject({ kind: 'stageMove', summary: 'Lost → Qualified' });
  });

  it("visibility: sales sees its team's deals only; viewers read, cannot write; other workspaces get 404", async () => {
    const ownersDeal = await kit.createDeal(owner, { name: 'Owner only', currency: 'EUR' });
    const salesDeal = await kit.createDeal(sales, { name: 'Sales own', currency: 'EUR' });
    errorOf(await kit.call(sales, 'GET', `/api/v1/deals/${ownersDeal.id}`), 404);
    errorOf(
      await kit.call(sales, 'POST', `/api/v1/deals/${ownersDeal.id}/move`, { stageId: stage('Won').id }),
      404,
    );
    const salesList = (await kit.call(sales, 'GET', '/api/v1/deals?limit=500')).json().data as TDeal[];
    expect(salesList.map((d) => d.id)).toContain(salesDeal.id);
    expect(salesList.map((d) => d.id)).not.toContain(ownersDeal.id);
    expect((await kit.call(viewer, 'GET', `/api/v1/deals/${ownersDeal.id}`)).statusCode).toBe(200);
    errorOf(await kit.call(viewer, 'POST', '/api/v1/deals', { name: 'No', currency: 'EUR' }), 403);
    errorOf(await kit.call(other, 'GET', `/api/v1/deals/${ownersDeal.id}`), 404);
    errorOf(await kit.call(other, 'PATCH', `/api/v1/deals/${ownersDeal.id}`, { name: 'Hijack' }), 404);
    const foreignStage = await kit.call(other, 'POST', '/api/v1/deals', {
      name: 'Foreign stage',
      currency: 'EUR',
      stageId: stage('Lead').id,
    });
    expect(errorOf(foreignStage, 400).details?.[0]?.path).toBe('stageId');
    // Search finds deals by name, within the actor's scope.
    const found = (await kit.call(owner, 'GET', '/api/v1/search?q=owner%20only&types=deal')).json().data;
    expect(found[0]).toMatchObject({ type: 'deal', id: ownersDeal.id, title: 'Owner only' });
    const hidden = (await kit.call(sales, 'GET', '/api/v1/search?q=owner%20only&types=deal')).json().data;
    expect(hidden).toEqual([]);
  });

  it("activities link to deals; deals appear on their person's and company's timelines; merges move links", async () => {
    const keep = (await kit.call(owner, 'POST', '/api/v1/people', { firstName: 'Keep' })).json();
    const gone = (await kit.call(owner, 'POST', '/api/v1/people', { firstName: 'Gone' })).json();
    const company = (await kit.call(owner, 'POST', '/api/v1/companies', { name: 'Old Co' })).json();
    const survivor = (await kit.call(owner, 'POST', '/api/v1/companies', { name: 'New Co' })).json();
    const deal = await kit.createDeal(owner, {
      name: 'Linked deal',
      currency: 'EUR',
      personIds: [gone.id],
      companyId: company.id,
    });
    const activity = await kit.call(owner, 'POST', '/api/v1/activities', {
      type: 'note',
      channel: 'other',
      occurredAt: new Date().toISOString(),
      subject: 'Called about the deal',
      dealIds: [deal.id],
    });
    expect(activity.statusCode, activity.body).toBe(201);
    expect(activity.json().dealIds).toEqual([deal.id]);
    const dealTimeline = (
      await kit.call(owner, 'GET', `/api/v1/deals/${deal.id}/timeline?kinds=activity`)
    ).json().data;
    expect(dealTimeline.map((i: { title: string }) => i.title)).toContain('Called about the deal');
    const personTimeline = (
      await kit.call(owner, 'GET', `/api/v1/people/${gone.id}/timeline?kinds=deal`)
    ).json().data;
    expect(personTimeline[0]).toMatchObject({ kind: 'deal', id: deal.id, title: 'Linked deal' });

    const merged = await kit.call(owner, 'POST', '/api/v1/people/merge', {
      survivorId: keep.id,
      mergedIds: [gone.id],
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const mergedCompany = await kit.call(owner, 'POST', '/api/v1/companies/merge', {
      survivorId: survivor.id,
      mergedIds: [company.id],
    });
    expect(mergedCompany.statusCode, mergedCompany.body).toBe(200);
    const after = (await kit.call(owner, 'GET', `/api/v1/deals/${deal.id}`)).json();
    expect(after).toMatchObject({ personIds: [keep.id], companyId: survivor.id });
    const byPerson = (await kit.call(owner, 'GET', `/api/v1/deals?personId=${keep.id}`)).json().data;
    expect(byPerson.map((d: TDeal) => d.id)).toEqual([deal.id]);
  });
});
