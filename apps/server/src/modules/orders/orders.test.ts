import type { TAuditEntry, TOrder } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { ordersKit } from './orders-test-kit.ts';

const { app, db } = await createTestApp();
const kit = ordersKit(app);
const { call } = kit;

let owner: TSession;
let viewer: TSession;
let other: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Orders');
  other = await signUp(app, 'Other orders');
  viewer = await addMember(app, db, owner, 'viewer');
});

describe('orders', () => {
  it('computes line and order totals exactly (discounts, tax amounts and rates)', async () => {
    const shoes = await kit.createProduct(owner, {
      sku: 'TOT-SHOE',
      name: 'Shoe',
      category: 'Shoes',
      price: '10.00',
      currency: 'EUR',
    });
    const socks = await kit.createProduct(owner, {
      sku: 'TOT-SOCK',
      name: 'Sock',
      price: '3.33',
      currency: 'EUR',
    });
    const order = await kit.createOrder(owner, {
      channel: 'online',
      occurredAt: '2025-02-01T12:00:00Z',
      currency: 'EUR',
      lines: [
        // 3 × 10.00 = 30.00, − 5.00 = 25.00, + 20 % = 5.00 → 30.00
        { productId: shoes.id, quantity: 3, discount: '5.00', taxRate: '20' },
        // 1.5 × 3.33 = 4.995 → 5.00 (half up), + 7 % = 0.35 → 5.35
        { productId: socks.id, quantity: '1.5', unitPrice: '3.33', taxRate: '7' },
        // free text with a tax amount: 2.50 + 0.10 → 2.60
        { description: 'Gift wrap', quantity: '1', unitPrice: '2.50', tax: '0.10' },
      ],
    });
    expect(order).toMatchObject({
      source: 'kap',
      status: 'placed',
      subtotal: '37.50',
      discountTotal: '5.00',
      taxTotal: '5.45',
      total: '37.95',
      refundedTotal: '0.00',
      baseCurrency: 'EUR',
      exchangeRate: '1.0000000000',
      baseTotal: '37.95',
    });
    expect(
      order.lines.map((l) => [l.description, l.sku, l.category, l.unitPrice, l.tax, l.lineTotal]),
    ).toEqual([
      ['Shoe', 'TOT-SHOE', 'Shoes', '10.00', '5.00', '30.00'],
      ['Sock', 'TOT-SOCK', null, '3.33', '0.35', '5.35'],
      ['Gift wrap', null, null, '2.50', '0.10', '2.60'],
    ]);
    const read = await call('GET', `/api/v1/orders/${order.id}`, viewer);
    expect(read.json()).toEqual(order);
  });

  it('refunds are records; partial then full refund set the status; nothing beyond the total', async () => {
    const order = await kit.createOrder(owner, {
      channel: 'store',
      occurredAt: '2025-02-02T12:00:00Z',
      currency: 'EUR',
      lines: [
        { description: 'Boots', quantity: '3', unitPrice: '10.00' },
        { description: 'Laces', quantity: '1', unitPrice: '7.95' },
      ],
    });
    expect(order.total).toBe('37.95');
    const partial = await kit.refund(owner, order.id, {
      lines: [{ lineNo: 1, quantity: '1' }],
      reason: 'Too small',
    });
    expect(partial.statusCode, partial.body).toBe(201);
    expect(partial.json().refund).toMatchObject({
      amount: '10.00',
      baseAmount: '10.00',
      reason: 'Too small',
      lines: [{ lineNo: 1, quantity: '1.0000', amount: '10.00' }],
    });
    expect(partial.json().order).toMatchObject({ status: 'partiallyRefunded', refundedTotal: '10.00' });
    // Line 1 has 2 left: asking for 3 names the path.
    expect(
      errorOf(await kit.refund(owner, order.id, { lines: [{ lineNo: 1, quantity: '3' }] }), 400).details,
    ).toEqual([{ path: 'lines.0.quantity', message: 'At most 2 of this line is left to refund' }]);
    expect(errorOf(await kit.refund(owner, order.id, { amount: '28.00' }), 400).details?.[0]?.path).toBe(
      'amount',
    );
    const full = await kit.refund(owner, order.id, { amount: '27.95' });
    expect(full.json().order).toMatchObject({
      status: 'refunded',
      refundedTotal: '37.95',
      baseRefundedTotal: '37.95',
    });
    expect(errorOf(await kit.refund(owner, order.id, { amount: '0.01' }), 400).details?.[0]?.path).toBe(
      'amount',
    );
    const read: TOrder = (await call('GET', `/api/v1/orders/${order.id}`, owner)).json();
    expect(read.refunds.map((r) => r.amount)).toEqual(['10.00', '27.95']);
    // The status of a refunded order follows its refunds.
    const patch = await call('PATCH', `/api/v1/orders/${order.id}`, owner, { status: 'paid' });
    expect(errorOf(patch, 409).details?.[0]?.path).toBe('status');
  });

  it('converts to the base currency with the rate of the day or the latest before it, and stores it', async () => {
    const session = await signUp(app, 'Rates');
    const put = await call('PUT', '/api/v1/exchange-rates', session, {
      rates: [
        { currency: 'usd', date: '2025-01-01', rate: '0.9' },
        { currency: 'USD', date: '2025-01-10', rate: '0.95' },
        { currency: 'GBP', date: '2025-01-01', rate: '1.1812345678' },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    const line = [{ description: 'Thing', quantity: '1', unitPrice: '100.00' }];
    const atFifth = await kit.createOrder(session, {
      channel: 'online',
      occurredAt: '2025-01-05T10:00:00Z',
      currency: 'USD',
      lines: line,
    });
    expect(atFifth).toMatchObject({ exchangeRate: '0.9000000000', baseTotal: '90.00', baseCurrency: 'EUR' });
    const atTenth = await kit.createOrder(session, {
      channel: 'online',
      occurredAt: '2025-01-10T23:59:00Z',
      currency: 'USD',
      lines: line,
    });
    expect(atTenth).toMatchObject({ exchangeRate: '0.9500000000', baseTotal: '95.00' });
    const gbp = await kit.createOrder(session, {
      channel: 'phone',
      occurredAt: '2025-03-01T10:00:00Z',
      currency: 'GBP',
      lines: [{ description: 'Thing', quantity: '3', unitPrice: '33.33' }],
    });
    // 99.99 × 1.1812345678 = 118.111744634… → 118.11
    expect(gbp).toMatchObject({ total: '99.99', baseTotal: '118.11' });
    const tooEarly = await call('POST', '/api/v1/orders', session, {
      channel: 'online',
      occurredAt: '2024-12-31T10:00:00Z',
      currency: 'USD',
      lines: line,
    });
    expect(errorOf(tooEarly, 400).details?.[0]?.path).toBe('currency');
    const noRate = await call('POST', '/api/v1/orders', session, {
      channel: 'online',
      occurredAt: '2025-01-05T10:00:00Z',
      currency: 'JPY',
      lines: line,
    });
    expect(errorOf(noRate, 400).details?.[0]).toMatchObject({ path: 'currency' });
    const rates = await call('GET', '/api/v1/exchange-rates?currency=USD', session);
    expect(rates.json().data.map((r: { date: string; rate: string }) => [r.date, r.rate])).toEqual([
      ['2025-01-10', '0.9500000000'],
      ['2025-01-01', '0.9000000000'],
    ]);
    // The base currency cannot change under stored base totals.
    const change = await call('PUT', '/api/v1/settings/base-currency', session, { baseCurrency: 'USD' });
    expect(errorOf(change, 409).details?.[0]?.path).toBe('baseCurrency');
  });

  it('PUT by external id upserts idempotently', async () => {
    const url = '/api/v1/orders/by-external-id/shopify/1001';
    const body = kit.simpleOrder({ status: 'paid' }, '19.90');
    const first = await call('PUT', url, owner, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['kap-created']).toBe('true');
    const again = await call('PUT', url, owner, body);
    expect(again.headers['kap-created']).toBe('false');
    expect(again.json()).toEqual(first.json());
    expect(again.json()).toMatchObject({ version: 1, source: 'shopify', externalId: '1001', total: '19.90' });
    const changed = await call('PUT', url, owner, {
      ...body,
      lines: [{ description: 'Item', quantity: '2', unitPrice: '19.90' }],
    });
    expect(changed.json()).toMatchObject({ id: first.json().id, version: 2, total: '39.80' });
    const audit = await call('GET', `/api/v1/audit-log?recordId=${first.json().id}`, owner);
    const actions = (audit.json().data as TAuditEntry[]).map((e) => e.action).sort();
    expect(actions).toEqual(['order.create', 'order.update']);
    // Same external id from another source is another order; POST with a used one is a 409.
    const otherSource = await call('PUT', '/api/v1/orders/by-external-id/pos/1001', owner, body);
    expect(otherSource.json().id).not.toBe(first.json().id);
    const duplicate = await call('POST', '/api/v1/orders', owner, {
      ...body,
      source: 'shopify',
      externalId: '1001',
    });
    expect(errorOf(duplicate, 409).details?.[0]?.path).toBe('externalId');
    const listed = await call('GET', '/api/v1/orders?source=shopify&externalId=1001', owner);
    expect(listed.json().data.map((o: TOrder) => o.id)).toEqual([first.json().id]);
    // A burst of retries of a new order at the same moment: one order, every reply 200.
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => call('PUT', '/api/v1/orders/by-external-id/shopify/2002', owner, body)),
    );
    expect(burst.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    expect(burst.filter((r) => r.headers['kap-created'] === 'true')).toHaveLength(1);
    expect(new Set(burst.map((r) => r.json().id)).size).toBe(1);
  });

  it('refuses wrong input with the field path', async () => {
    const unknownProduct = await call('POST', '/api/v1/orders', owner, {
      ...kit.simpleOrder({}),
      lines: [{ productId: '01890000-0000-7000-8000-000000000000', quantity: '1' }],
    });
    expect(errorOf(unknownProduct, 400).details?.[0]?.path).toBe('lines.0.productId');
    const theirProduct = await kit.createProduct(other, {
      sku: 'THEIRS',
      name: 'Theirs',
      price: '1.00',
      currency: 'EUR',
    });
    const crossProduct = await call('POST', '/api/v1/orders', owner, {
      ...kit.simpleOrder({}),
      lines: [{ productId: theirProduct.id, quantity: '1' }],
    });
    expect(errorOf(crossProduct, 400).details?.[0]?.path).toBe('lines.0.productId');
    const theirPerson = await kit.createPerson(other, 'Stranger');
    const crossPerson = await call(
      'POST',
      '/api/v1/orders',
      owner,
      kit.simpleOrder({ personId: theirPerson }),
    );
    expect(errorOf(crossPerson, 400).details?.[0]?.path).toBe('personId');
    for (const bad of ['12.345', '-1', '1e3', 'abc', 12.345]) {
      const response = await call('POST', '/api/v1/orders', owner, {
        ...kit.simpleOrder({}),
        lines: [{ description: 'X', quantity: '1', unitPrice: bad }],
      });
      expect(errorOf(response, 400).details?.[0]?.path, String(bad)).toBe('lines.0.unitPrice');
    }
    const discount = await call('POST', '/api/v1/orders', owner, {
      ...kit.simpleOrder({}),
      lines: [{ description: 'X', quantity: '1', unitPrice: '5.00', discount: '6.00' }],
    });
    expect(errorOf(discount, 400).details?.[0]?.path).toBe('lines.0.discount');
    const noPrice = await call('POST', '/api/v1/orders', owner, {
      ...kit.simpleOrder({}),
      lines: [{ description: 'X', quantity: '1' }],
    });
    expect(errorOf(noPrice, 400).details?.[0]?.path).toBe('lines.0.unitPrice');
    const badChannel = await call('POST', '/api/v1/orders', owner, kit.simpleOrder({ channel: 'fax' }));
    expect(errorOf(badChannel, 400).details?.[0]?.path).toBe('channel');
    // Nothing half-written: none of those orders exists.
    const list = await call('GET', '/api/v1/orders?limit=500', owner);
    expect(list.json().data.some((o: TOrder) => o.total === '5.00')).toBe(false);
    const theirOrder = await kit.createOrder(other, kit.simpleOrder({}));
    errorOf(await call('GET', `/api/v1/orders/${theirOrder.id}`, owner), 404);
    errorOf(await kit.refund(owner, theirOrder.id, { amount: '1.00' }), 404);
  });

  it('viewers read orders but cannot write them', async () => {
    const order = await kit.createOrder(owner, kit.simpleOrder({}));
    expect((await call('GET', `/api/v1/orders/${order.id}`, viewer)).statusCode).toBe(200);
    errorOf(await call('POST', '/api/v1/orders', viewer, kit.simpleOrder({})), 403);
    errorOf(await call('PUT', '/api/v1/orders/by-external-id/shop/v1', viewer, kit.simpleOrder({})), 403);
    errorOf(await kit.refund(viewer, order.id, { amount: '1.00' }), 403);
    errorOf(await call('PATCH', `/api/v1/orders/${order.id}`, viewer, { status: 'paid' }), 403);
    errorOf(
      await call('PUT', '/api/v1/exchange-rates', viewer, {
        rates: [{ currency: 'USD', date: '2025-01-01', rate: '1' }],
      }),
      403,
    );
  });

  it('lists orders newest first with keyset pages and filters', async () => {
    const session = await signUp(app, 'Order list');
    const person = await kit.createPerson(session, 'Lister');
    for (let day = 1; day <= 5; day++) {
      await kit.createOrder(
        session,
        kit.simpleOrder({
          occurredAt: `2025-04-0${day}T10:00:00Z`,
          channel: day % 2 ? 'store' : 'online',
          personId: day <= 3 ? person : null,
        }),
      );
    }
    const first = (await call('GET', '/api/v1/orders?limit=2', session)).json();
    const second = (await call('GET', `/api/v1/orders?limit=2&cursor=${first.nextCursor}`, session)).json();
    const days = [...first.data, ...second.data].map((o: TOrder) => o.occurredAt.slice(0, 10));
    expect(days).toEqual(['2025-04-05', '2025-04-04', '2025-04-03', '2025-04-02']);
    const byPerson = (await call('GET', `/api/v1/orders?personId=${person}&channel=store`, session)).json();
    expect(byPerson.data.map((o: TOrder) => o.occurredAt.slice(0, 10))).toEqual(['2025-04-03', '2025-04-01']);
    errorOf(await call('GET', '/api/v1/orders?cursor=forged', session), 400);
  });
});
