import type { TPerson, TProductSuggestion, TTimelineItem } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { ordersKit } from './orders-test-kit.ts';

const { app } = await createTestApp();
const kit = ordersKit(app);
const { call } = kit;

let owner: TSession;
let other: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Purchase stats');
  other = await signUp(app, 'Other stats');
  const rates = await call('PUT', '/api/v1/exchange-rates', owner, {
    rates: [{ currency: 'USD', date: '2025-01-01', rate: '0.9' }],
  });
  expect(rates.statusCode, rates.body).toBe(200);
});

describe('per-customer purchase stats', () => {
  it('follow orders, refunds and cancellations in the same request', async () => {
    const person = await kit.createPerson(owner, 'Stats');
    const company = await kit.createCompany(owner, 'Stats Co');
    const shoes = await kit.createProduct(owner, {
      sku: 'ST-SHOE',
      name: 'Shoe',
      category: 'Shoes',
      price: '30.00',
      currency: 'EUR',
    });
    const hat = await kit.createProduct(owner, {
      sku: 'ST-HAT',
      name: 'Hat',
      category: 'Hats',
      price: '7.95',
      currency: 'EUR',
    });
    expect(await kit.statsOf(owner, 'people', person)).toMatchObject({
      orderCount: 0,
      lifetimeRevenue: '0.00',
      lastPurchaseAt: null,
    });
    const eur = await kit.createOrder(owner, {
      channel: 'store',
      occurredAt: '2025-02-01T10:00:00Z',
      currency: 'EUR',
      personId: person,
      companyId: company,
      lines: [
        { productId: shoes.id, quantity: '1' },
        { productId: hat.id, quantity: '1' },
      ],
    });
    expect(eur.total).toBe('37.95');
    const usd = await kit.createOrder(owner, {
      channel: 'online',
      occurredAt: '2025-01-05T10:00:00Z',
      currency: 'USD',
      personId: person,
      lines: [{ productId: hat.id, quantity: '1', unitPrice: '100.00' }],
    });
    expect(usd.baseTotal).toBe('90.00');
    await kit.createOrder(
      owner,
      kit.simpleOrder({ channel: 'online', occurredAt: '2025-01-20T10:00:00Z', personId: person }, '12.05'),
    );
    // 37.95 + 90.00 + 12.05 = 140.00 over 3 orders; online twice; Hats in 2 orders, Shoes in 1.
    expect(await kit.statsOf(owner, 'people', person)).toEqual({
      orderCount: 3,
      lifetimeRevenue: '140.00',
      averageOrderValue: '46.67',
      firstPurchaseAt: '2025-01-05T10:00:00.000Z',
      lastPurchaseAt: '2025-02-01T10:00:00.000Z',
      favouriteChannel: 'online',
      favouriteCategories: ['Hats', 'Shoes'],
      baseCurrency: 'EUR',
    });
    expect(await kit.statsOf(owner, 'companies', company)).toMatchObject({
      orderCount: 1,
      lifetimeRevenue: '37.95',
    });
    // A partial refund nets out; the order still counts.
    await kit.refund(owner, eur.id, { amount: '10.00' });
    expect(await kit.statsOf(owner, 'people', person)).toMatchObject({
      orderCount: 3,
      lifetimeRevenue: '130.00',
      averageOrderValue: '43.33',
    });
    // A refund in USD is converted with the order's rate: 50.00 × 0.9 = 45.00.
    await kit.refund(owner, usd.id, { amount: '50.00' });
    expect(await kit.statsOf(owner, 'people', person)).toMatchObject({ lifetimeRevenue: '85.00' });
    // A full refund drops the order from the count; a cancelled one too.
    await kit.refund(owner, usd.id, { amount: '50.00' });
    const afterFull = await kit.statsOf(owner, 'people', person);
    expect(afterFull).toMatchObject({
      orderCount: 2,
      lifetimeRevenue: '40.00',
      firstPurchaseAt: '2025-01-20T10:00:00.000Z',
    });
    const cancel = await call('PATCH', `/api/v1/orders/${eur.id}`, owner, { status: 'cancelled' });
    expect(errorOf(cancel, 409).details?.[0]?.path).toBe('status');
    const orders = (
      await call('GET', `/api/v1/orders?personId=${person}&channel=online&status=placed`, owner)
    ).json();
    const cancelled = await call('PATCH', `/api/v1/orders/${orders.data[0].id}`, owner, {
      status: 'cancelled',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await kit.statsOf(owner, 'people', person)).toMatchObject({
      orderCount: 1,
      lifetimeRevenue: '27.95',
      favouriteChannel: 'store',
      favouriteCategories: ['Hats', 'Shoes'],
    });
    // Moving the order to another person moves the stats.
    const next = await kit.createPerson(owner, 'Next');
    await call('PATCH', `/api/v1/orders/${eur.id}`, owner, { personId: next });
    expect(await kit.statsOf(owner, 'people', person)).toMatchObject({
      orderCount: 0,
      lifetimeRevenue: '0.00',
    });
    expect(await kit.statsOf(owner, 'people', next)).toMatchObject({
      orderCount: 1,
      lifetimeRevenue: '27.95',
    });
    errorOf(await call('GET', `/api/v1/people/${next}/purchase-stats`, other), 404);
  });

  it('stay exact when orders for one customer arrive at the same time', async () => {
    const person = await kit.createPerson(owner, 'Concurrent');
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(
          'POST',
          '/api/v1/orders',
          owner,
          kit.simpleOrder({ personId: person, occurredAt: `2025-07-0${i + 1}T10:00:00Z` }, '2.50'),
        ),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(await kit.statsOf(owner, 'people', person)).toMatchObject({
      orderCount: 8,
      lifetimeRevenue: '20.00',
    });
  });

  it('move to the survivor when people merge', async () => {
    const survivor = await kit.createPerson(owner, 'Survivor');
    const merged = await kit.createPerson(owner, 'Merged');
    await kit.createOrder(
      owner,
      kit.simpleOrder({ personId: survivor, occurredAt: '2025-05-01T10:00:00Z' }, '10.00'),
    );
    await kit.createOrder(
      owner,
      kit.simpleOrder({ personId: merged, occurredAt: '2025-04-01T10:00:00Z', channel: 'phone' }, '25.50'),
    );
    await kit.createOrder(
      owner,
      kit.simpleOrder({ personId: merged, occurredAt: '2025-04-02T10:00:00Z', channel: 'phone' }, '4.50'),
    );
    const merge = await call('POST', '/api/v1/people/merge', owner, {
      survivorId: survivor,
      mergedIds: [merged],
    });
    expect(merge.statusCode, merge.body).toBe(200);
    expect(merge.json().moved).toMatchObject({ orders: 2 });
    expect(await kit.statsOf(owner, 'people', survivor)).toMatchObject({
      orderCount: 3,
      lifetimeRevenue: '40.00',
      averageOrderValue: '13.33',
      firstPurchaseAt: '2025-04-01T10:00:00.000Z',
      favouriteChannel: 'phone',
    });
    const list = (await call('GET', `/api/v1/orders?personId=${survivor}`, owner)).json();
    expect(list.data).toHaveLength(3);
  });

  it('are filterable and sortable in the people and company lists', async () => {
    const session = await signUp(app, 'Stats filters');
    const big = await kit.createPerson(session, 'Big');
    const small = await kit.createPerson(session, 'Small');
    const never = await kit.createPerson(session, 'Never');
    const recent = new Date(Date.now() - 5 * 86_400_000).toISOString();
    await kit.createOrder(session, kit.simpleOrder({ personId: big, occurredAt: recent }, '1500.00'));
    await kit.createOrder(
      session,
      kit.simpleOrder({ personId: small, occurredAt: '2024-01-01T10:00:00Z', channel: 'online' }, '20.00'),
    );
    const ids = async (filter: object, sort = '') => {
      const response = await call(
        'GET',
        `/api/v1/people?filter=${encodeURIComponent(JSON.stringify(filter))}${sort}`,
        session,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json().data.map((p: TPerson) => p.id);
    };
    expect(await ids({ field: 'lifetimeRevenue', op: 'gt', value: '1000' })).toEqual([big]);
    expect(await ids({ field: 'lastPurchaseAt', op: 'inLast', value: { amount: 30, unit: 'days' } })).toEqual(
      [big],
    );
    expect(await ids({ field: 'orderCount', op: 'eq', value: 0 })).toEqual([never]);
    expect(await ids({ field: 'favouriteChannel', op: 'eq', value: 'online' })).toEqual([small]);
    expect(await ids({ field: 'orderCount', op: 'gte', value: 1 }, '&sort=-lifetimeRevenue')).toEqual([
      big,
      small,
    ]);
    const bad = await call(
      'GET',
      `/api/v1/people?filter=${encodeURIComponent(JSON.stringify({ field: 'lifetimeRevenue', op: 'gt', value: 'lots' }))}`,
      session,
    );
    expect(errorOf(bad, 400).details?.[0]?.path).toBe('filter.value');
    const company = await kit.createCompany(session, 'Buyer Co');
    await kit.createCompany(session, 'Idle Co');
    await kit.createOrder(session, kit.simpleOrder({ companyId: company }, '99.00'));
    const companies = await call(
      'GET',
      `/api/v1/companies?filter=${encodeURIComponent(JSON.stringify({ field: 'lifetimeRevenue', op: 'between', value: ['50', '100'] }))}`,
      session,
    );
    expect(companies.json().data.map((c: { id: string }) => c.id)).toEqual([company]);
  });
});

describe('orders on the timeline', () => {
  it('shows orders and refunds with amount and status on the person and company', async () => {
    const person = await kit.createPerson(owner, 'Timeline');
    const company = await kit.createCompany(owner, 'Timeline Co');
    const order = await kit.createOrder(owner, {
      ...kit.simpleOrder(
        { personId: person, companyId: company, occurredAt: '2025-06-01T10:00:00Z' },
        '42.00',
      ),
      source: 'shop',
      externalId: 'T-1',
    });
    await kit.refund(owner, order.id, {
      amount: '2.00',
      reason: 'Scratch',
      occurredAt: '2025-06-03T10:00:00Z',
    });
    const timeline = (
      await call('GET', `/api/v1/people/${person}/timeline?kinds=order,refund`, owner)
    ).json();
    const items: TTimelineItem[] = timeline.data;
    expect(items.map((i) => [i.kind, i.title, i.data.status ?? i.data.orderStatus])).toEqual([
      ['refund', 'Refund of order T-1', 'partiallyRefunded'],
      ['order', 'Order T-1', 'partiallyRefunded'],
    ]);
    expect(items[1]?.data).toMatchObject({ total: '42.00', currency: 'EUR' });
    expect(items[0]?.summary).toBe('2.00 EUR · Scratch');
    const companyItems = (
      await call('GET', `/api/v1/companies/${company}/timeline?kinds=order`, owner)
    ).json().data;
    expect(companyItems.map((i: TTimelineItem) => i.id)).toEqual([order.id]);
    const web = (await call('GET', `/api/v1/people/${person}/timeline?kinds=order&channel=web`, owner)).json()
      .data;
    expect(web).toEqual([]);
  });
});

describe('upsell suggestions', () => {
  it('rank products by co-purchase count on a known data set', async () => {
    const s = await signUp(app, 'Suggestions');
    const product = (sku: string, name: string, isActive = true) =>
      kit.createProduct(s, { sku, name, price: '10.00', currency: 'EUR', isActive });
    const [a, b, c, d, e, f, g] = await Promise.all([
      product('A', 'Alpha'),
      product('B', 'Bravo'),
      product('C', 'Charlie'),
      product('D', 'Delta'),
      product('E', 'Echo'),
      product('F', 'Foxtrot'),
      product('G', 'Golf', false),
    ]);
    const [me, u1, u2, u3, u4] = await Promise.all(
      ['Me', 'U1', 'U2', 'U3', 'U4'].map((n) => kit.createPerson(s, n)),
    );
    const buy = (personId: string | undefined, products: { id: string }[], status?: string) =>
      kit.createOrder(s, {
        ...kit.simpleOrder({ personId, ...(status && { status }) }),
        lines: products.map((p) => ({ productId: p.id, quantity: '1' })),
      });
    if (!(a && b && c && d && e && f && g && me && u1 && u2 && u3 && u4)) throw new Error('setup');
    await buy(me, [a, b]);
    await buy(u1, [a]);
    await buy(u1, [c, g]); // G is inactive: never suggested
    await buy(u2, [a, b, c, d]);
    await buy(u3, [b, d, e]);
    await buy(u4, [e]); // no overlap with me: does not count
    await buy(u4, [a, f], 'cancelled'); // cancelled: does not count
    // C: U1, U2 → 2 (A by both, B by U2); D: U2, U3 → 2 (B by both, A by U2); E: U3 → 1 (B).
    const response = await call('GET', `/api/v1/people/${me}/suggestions`, s);
    expect(response.statusCode, response.body).toBe(200);
    const data: TProductSuggestion[] = response.json().data;
    expect(
      data.map((x) => [x.product.name, x.coPurchaseCount, x.becauseOf.map((y) => `${y.name}:${y.count}`)]),
    ).toEqual([
      ['Charlie', 2, ['Alpha:2', 'Bravo:1']],
      ['Delta', 2, ['Bravo:2', 'Alpha:1']],
      ['Echo', 1, ['Bravo:1']],
    ]);
    expect(data[0]?.reason).toBe('2 other customers who bought Alpha, Bravo also bought it');
    const limited = (await call('GET', `/api/v1/people/${me}/suggestions?limit=1`, s)).json().data;
    expect(limited).toHaveLength(1);
    expect(
      (await call('GET', `/api/v1/people/${u4}/suggestions`, s))
        .json()
        .data.map((x: TProductSuggestion) => x.product.name),
    ).toEqual(['Bravo', 'Delta']);
    errorOf(await call('GET', `/api/v1/people/${me}/suggestions`, other), 404);
    // Companies are compared with companies: Acme bought Alpha, Bravo; Beta Co bought Alpha, Delta.
    const [acme, beta] = await Promise.all([kit.createCompany(s, 'Acme'), kit.createCompany(s, 'Beta Co')]);
    const companyOrder = (companyId: string, products: { id: string }[]) =>
      kit.createOrder(s, {
        ...kit.simpleOrder({ companyId }),
        lines: products.map((p) => ({ productId: p.id, quantity: '1' })),
      });
    await companyOrder(acme, [a, b]);
    await companyOrder(beta, [a, d]);
    const forAcme = (await call('GET', `/api/v1/companies/${acme}/suggestions`, s)).json().data;
    expect(forAcme.map((x: TProductSuggestion) => [x.product.name, x.coPurchaseCount])).toEqual([
      ['Delta', 1],
    ]);
    expect(forAcme[0].reason).toBe('1 other company who bought Alpha also bought it');
  });
});
