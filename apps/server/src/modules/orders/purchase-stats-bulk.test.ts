import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';
import { withWorkspace } from '../../db/tenant.ts';
import { ordersKit } from './orders-test-kit.ts';
import { refreshPurchaseStatsBulk } from './purchase-stats-bulk.ts';

const { app, db } = await createTestApp();
const kit = ordersKit(app);

let owner: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Bulk stats');
  const rates = await kit.call('PUT', '/api/v1/exchange-rates', owner, {
    rates: [{ currency: 'USD', date: '2025-01-01', rate: '0.9' }],
  });
  expect(rates.statusCode, rates.body).toBe(200);
});

/** Every stats and customer-products row of the workspace, in a stable order. */
async function snapshot(workspaceId: string) {
  return withWorkspace(db, workspaceId, async (trx) => ({
    stats: (
      await sql`select person_id, company_id, order_count, lifetime_revenue, average_order_value,
                       first_purchase_at, last_purchase_at, favourite_channel, favourite_categories
                  from customer_purchase_stats where workspace_id = ${workspaceId}
                 order by person_id nulls last, company_id`.execute(trx)
    ).rows,
    products: (
      await sql`select person_id, company_id, product_id, order_count, last_purchased_at
                  from customer_products where workspace_id = ${workspaceId}
                 order by person_id nulls last, company_id, product_id`.execute(trx)
    ).rows,
  }));
}

describe('refreshPurchaseStatsBulk', () => {
  it('computes what the per-customer recompute does: counted orders, refunds, rates, ties, top categories', async () => {
    const workspaceId = owner.me.workspace.id;
    const [ana, jonas, nobody] = await Promise.all([
      kit.createPerson(owner, 'Ana'),
      kit.createPerson(owner, 'Jonas'),
      kit.createPerson(owner, 'Nobody'),
    ]);
    const company = await kit.createCompany(owner, 'Bulk Co');
    const product = (sku: string, category: string) =>
      kit.createProduct(owner, { sku, name: sku, category, price: '10.00', currency: 'EUR' });
    const [shoe, hat, bag, sock] = await Promise.all([
      product('B-SHOE', 'Shoes'),
      product('B-HAT', 'Hats'),
      product('B-BAG', 'Bags'),
      product('B-SOCK', 'Socks'),
    ]);
    const order = (extra: object, productIds: string[], at: string, channel = 'store') =>
      kit.createOrder(owner, {
        channel,
        occurredAt: at,
        currency: 'EUR',
        lines: productIds.map((productId) => ({ productId, quantity: '1' })),
        ...extra,
      });
    // Ana: channels tied 2–2 (online is more recent), four categories (top three by orders).
    await order({ personId: ana, companyId: company }, [shoe.id, hat.id], '2025-02-01T10:00:00Z');
    await order({ personId: ana }, [shoe.id, bag.id], '2025-02-02T10:00:00Z');
    await order({ personId: ana }, [sock.id], '2025-02-03T10:00:00Z', 'online');
    const refunded = await order({ personId: ana }, [hat.id, sock.id], '2025-02-04T10:00:00Z', 'online');
    expect((await kit.refund(owner, refunded.id, { amount: '5.00' })).statusCode).toBe(201);
    await order({ personId: ana, status: 'cancelled' }, [bag.id], '2025-02-05T10:00:00Z', 'phone');
    // Jonas: in USD at a rate, and one order refunded in full (not counted).
    await kit.createOrder(owner, {
      channel: 'online',
      occurredAt: '2025-03-01T10:00:00Z',
      currency: 'USD',
      personId: jonas,
      lines: [{ description: 'Gift card', quantity: '3', unitPrice: '9.99' }],
    });
    const full = await order({ personId: jonas }, [shoe.id], '2025-03-02T10:00:00Z');
    expect((await kit.refund(owner, full.id, { amount: full.total })).statusCode).toBe(201);

    const bySingle = await snapshot(workspaceId);
    expect(bySingle.stats.length).toBe(3);
    // Wiped, then rebuilt by the bulk recompute alone: the same rows.
    await withWorkspace(db, workspaceId, async (trx) => {
      await sql`delete from customer_purchase_stats where workspace_id = ${workspaceId}`.execute(trx);
      await sql`delete from customer_products where workspace_id = ${workspaceId}`.execute(trx);
      await refreshPurchaseStatsBulk(trx, workspaceId, {
        personIds: [ana, jonas, nobody, null],
        companyIds: [company],
      });
    });
    expect(await snapshot(workspaceId)).toEqual(bySingle);
    expect(await kit.statsOf(owner, 'people', ana)).toMatchObject({
      orderCount: 4,
      favouriteChannel: 'online',
      favouriteCategories: ['Hats', 'Shoes', 'Socks'],
    });
  });
});
