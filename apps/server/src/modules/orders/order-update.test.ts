import type { TOrder } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { ordersKit } from './orders-test-kit.ts';

const { app } = await createTestApp();
const kit = ordersKit(app);

let owner: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Order edits');
});

describe('PATCH an order', () => {
  it('replaces its lines and computes the totals and stats again', async () => {
    const person = await kit.createPerson(owner, 'Edited');
    const order = await kit.createOrder(owner, kit.simpleOrder({ personId: person }, '10.00'));
    const response = await kit.call('PATCH', `/api/v1/orders/${order.id}`, owner, {
      status: 'paid',
      channel: 'online',
      lines: [
        { description: 'Boots', quantity: '2', unitPrice: '19.99', discount: '5.00', taxRate: '21' },
        { description: 'Laces', quantity: '3', unitPrice: '1.10', tax: '0.50' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const edited: TOrder = response.json();
    // 2 × 19.99 = 39.98 − 5.00 = 34.98 + 21 % (7.3458 → 7.35) = 42.33; 3.30 + 0.50 = 3.80
    expect(edited).toMatchObject({
      status: 'paid',
      channel: 'online',
      subtotal: '43.28',
      discountTotal: '5.00',
      taxTotal: '7.85',
      total: '46.13',
      baseTotal: '46.13',
      version: order.version + 1,
      note: null,
    });
    expect(edited.lines.map((l) => [l.description, l.lineTotal])).toEqual([
      ['Boots', '42.33'],
      ['Laces', '3.80'],
    ]);
    expect((await kit.statsOf(owner, 'people', person)).lifetimeRevenue).toBe('46.13');
  });

  it('keeps the lines when only the channel changes, and puts line errors at their path', async () => {
    const order = await kit.createOrder(owner, {
      ...kit.simpleOrder({}),
      lines: [{ description: 'Taxed', quantity: '1', unitPrice: '10.00', taxRate: '10' }],
    });
    const moved = await kit.call('PATCH', `/api/v1/orders/${order.id}`, owner, { channel: 'phone' });
    expect(moved.json()).toMatchObject({ channel: 'phone', total: '11.00', taxTotal: '1.00' });
    expect(moved.json().lines[0].taxRate).toBe('10.0000');
    const bad = await kit.call('PATCH', `/api/v1/orders/${order.id}`, owner, {
      lines: [{ description: 'Too cheap', quantity: '1', unitPrice: '1.00', discount: '2.00' }],
    });
    expect(errorOf(bad, 400).details).toEqual([
      { path: 'lines.0.discount', message: "More than the line's amount 1.00" },
    ]);
  });
});
