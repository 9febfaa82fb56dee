import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TImport, TImportMappingInput, TImportPreview, TOrderSummary, TProduct } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { getImportOf, post, runToEnd, uploadOk } from './imports-test-kit.ts';

const { app, db } = await createTestApp();
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));

const PRODUCT_MAPPING: TImportMappingInput = {
  columns: [
    { column: 'SKU', target: 'sku' },
    { column: 'Name', target: 'name' },
    { column: 'Category', target: 'category' },
    { column: 'Price', target: 'price' },
    { column: 'Currency', target: 'currency' },
    { column: 'Active', target: 'isActive' },
    { column: 'Description', target: 'description' },
    { column: 'Colour', target: null, newField: { key: 'colour', label: 'Colour', type: 'text' } },
  ],
};

const get = async <T>(session: TSession, url: string): Promise<T> => {
  const response = await app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
};

/** Uploads, starts (with Kap's suggested mapping unless one is given) and runs an import to its end. */
async function importFile(
  session: TSession,
  objectType: 'product' | 'order',
  file: { name: string; content: Buffer | string },
  fields: Record<string, string> = {},
  batchSize?: number,
): Promise<TImport> {
  const uploaded = await uploadOk(app, session, { objectType, ...fields }, file);
  if (uploaded.status === 'uploaded') {
    const started = await post(app, session, `/api/v1/imports/${uploaded.id}/start`);
    expect(started.statusCode, started.body).toBe(200);
  }
  expect(await runToEnd(db, session, uploaded.id, batchSize ? { batchSize } : {})).toBe('completed');
  return getImportOf(app, session, uploaded.id);
}

const productsOf = async (session: TSession) =>
  (await get<{ data: TProduct[] }>(session, '/api/v1/products?limit=100&sort=sku')).data;

const ordersOf = async (session: TSession) =>
  (await get<{ data: TOrderSummary[] }>(session, '/api/v1/orders?limit=100&sort=occurredAt')).data;

const rejectedCsv = async (session: TSession, id: string) => {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/imports/${id}/rejected`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.body;
};

async function createPerson(session: TSession, firstName: string, email: string): Promise<string> {
  const response = await post(app, session, '/api/v1/people', {
    firstName,
    emails: [{ email, label: 'work', isPrimary: true }],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

/** The first import creates the custom field "colour"; later ones fill it. */
const importProducts = (session: TSession, mode = 'skip', isFieldNew = true) =>
  importFile(
    session,
    'product',
    { name: 'products.csv', content: fixture('products.csv') },
    {
      mapping: JSON.stringify(
        isFieldNew
          ? PRODUCT_MAPPING
          : {
              columns: PRODUCT_MAPPING.columns.map((c) =>
                c.newField ? { column: c.column, target: 'cf.colour' } : c,
              ),
            },
      ),
      mode,
    },
  );

describe('imports: products', () => {
  let owner: TSession;
  let first: TImport;
  beforeAll(async () => {
    owner = await signUp(app, 'Product import');
    first = await importProducts(owner);
  });

  it('creates products by SKU; a second row of the same SKU is a duplicate; a bad price is rejected', async () => {
    expect(first).toMatchObject({ status: 'completed', created: 3, updated: 0, skipped: 1, rejected: 1 });
    expect(first.createdFields).toEqual(['colour']);
    const products = await productsOf(owner);
    expect(
      products.map((p) => [p.sku, p.name, p.price, p.currency, p.isActive, p.description, p.customFields]),
    ).toEqual([
      ['CAP-1', 'Cap', '15.00', 'EUR', false, null, { colour: 'Black' }],
      ['MUG-1', 'Mug', '8.00', 'EUR', true, null, { colour: 'White' }],
      ['TSH-1', 'T-shirt', '12.50', 'EUR', true, 'Cotton tee', { colour: 'Red' }],
    ]);
    expect(first.errors).toEqual([
      { row: 5, column: 'Price', reason: expect.stringContaining('Price "abc" is not an amount of money') },
    ]);
    expect(await rejectedCsv(owner, first.id)).toContain('BAD-1');
  });

  it('overwrite updates what changed, re-running changes nothing, fillEmpty fills only empty fields', async () => {
    const overwrite = await importProducts(owner, 'overwrite', false);
    expect(overwrite).toMatchObject({ created: 0, updated: 1, skipped: 3, rejected: 1 });
    const tee = (await productsOf(owner)).find((p) => p.sku === 'TSH-1');
    expect(tee).toMatchObject({ name: 'T-shirt again', price: '13.00', customFields: { colour: 'Blue' } });
    // The file has TSH-1 twice: in overwrite each row rewrites it; skip leaves all alone.
    const again = await importProducts(owner, 'skip', false);
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: 4, rejected: 1 });

    const fill = await importFile(
      owner,
      'product',
      { name: 'fill.csv', content: 'SKU,Description\nMUG-1,Stoneware mug\nTSH-1,Other text\n' },
      { mode: 'fillEmpty' },
    );
    expect(fill).toMatchObject({ created: 0, updated: 1, skipped: 1, rejected: 0 });
    const fillAgain = await importFile(
      owner,
      'product',
      { name: 'fill.csv', content: 'SKU,Description\nMUG-1,Stoneware mug\n' },
      { mode: 'overwrite' },
    );
    expect(fillAgain).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    const products = await productsOf(owner);
    expect(products.find((p) => p.sku === 'MUG-1')?.description).toBe('Stoneware mug');
    expect(products.find((p) => p.sku === 'TSH-1')?.description).toBe('Duplicate row');

    // The first import's MUG-1 was changed since by the fill import: its undo is refused.
    const refused = await post(app, owner, `/api/v1/imports/${first.id}/undo`);
    expect(errorOf(refused, 409).details?.[0]?.message).toBe(
      'Product created by the import and changed since',
    );

    // Undone newest first: the fill, the (no-op) re-run, the overwrite, then the first import.
    for (const id of [fillAgain.id, fill.id, again.id, overwrite.id]) {
      const undone = await post(app, owner, `/api/v1/imports/${id}/undo`);
      expect(undone.statusCode, undone.body).toBe(200);
    }
    const restored = await productsOf(owner);
    expect(restored.find((p) => p.sku === 'TSH-1')).toMatchObject({
      name: 'T-shirt',
      price: '12.50',
      customFields: { colour: 'Red' },
    });
    expect(restored.find((p) => p.sku === 'MUG-1')?.description).toBeNull();
    const undoFirst = await post(app, owner, `/api/v1/imports/${first.id}/undo`);
    expect(undoFirst.statusCode, undoFirst.body).toBe(200);
    expect(await productsOf(owner)).toEqual([]);
  });
});

describe('imports: orders', () => {
  let owner: TSession;
  let anaId: string;
  let jonasId: string;
  beforeAll(async () => {
    owner = await signUp(app, 'Order import');
    await importProducts(owner);
    anaId = await createPerson(owner, 'Ana', 'ana@example.ge');
    jonasId = await createPerson(owner, 'Jonas', 'jonas@example.lt');
  });

  const shopify = () => ({ name: 'orders-shopify.csv', content: fixture('orders-shopify.csv') });

  it('suggests the mapping of a Shopify export and previews without writing', async () => {
    const uploaded = await uploadOk(app, owner, { objectType: 'order' }, shopify());
    expect(uploaded.isMappingSuggested).toBe(true);
    expect(Object.fromEntries(uploaded.mapping?.columns.map((c) => [c.column, c.target]) ?? [])).toEqual({
      Name: 'orderId',
      Email: 'customerEmail',
      'Financial Status': 'status',
      Currency: 'currency',
      'Created at': 'occurredAt',
      'Lineitem quantity': 'quantity',
      'Lineitem name': 'productName',
      'Lineitem price': 'unitPrice',
      'Lineitem sku': 'productSku',
      'Lineitem discount': 'discount',
      Source: 'channel',
      Location: 'location',
      Id: null,
    });
    const response = await post(app, owner, `/api/v1/imports/${uploaded.id}/preview`, {});
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as TImportPreview;
    expect(preview).toMatchObject({ examined: 9, created: 4, skipped: 1, rejected: 4 });
    expect(preview.rows[0]).toMatchObject({
      row: 2,
      outcome: 'create',
      values: {
        orderId: '#1001',
        total: '32.00 EUR',
        line: '2 × T-shirt (TSH-1) = 24.00',
        customer: 'ana@example.ge',
        personId: anaId,
        channel: 'online',
      },
    });
    // A preview cut at one row still reads the whole first order.
    const cut = (await post(app, owner, `/api/v1/imports/${uploaded.id}/preview`, { limit: 1 })).json();
    expect(cut).toMatchObject({ examined: 2, isWholeFile: false, created: 2 });
    expect(await ordersOf(owner)).toEqual([]);
  });

  it('imports multi-line orders, rejects bad rows with reasons, updates stats; a re-run creates nothing; undo', async () => {
    const result = await importFile(owner, 'order', shopify());
    expect(result).toMatchObject({ status: 'completed', created: 4, updated: 0, skipped: 1, rejected: 4 });
    expect(result.errors).toEqual([
      {
        row: 4,
        column: 'Lineitem sku',
        reason: 'No product with the SKU "NOPE-1" (import the products first)',
      },
      { row: 5, column: null, reason: 'Order #1002 is not imported: row 4 was rejected' },
      { row: 6, column: null, reason: 'Order #1003: No person with the email "ghost@example.com"' },
      { row: 7, column: 'Lineitem quantity', reason: 'Lineitem quantity "two" is not a number' },
    ]);
    const orders = await ordersOf(owner);
    expect(
      orders.map((o) => [o.source, o.externalId, o.status, o.channel, o.location, o.total, o.personId]),
    ).toEqual([
      ['import', '#1001', 'paid', 'online', null, '32.00', anaId],
      ['import', '#1006', 'placed', 'store', 'Tbilisi store', '24.00', anaId],
      ['import', '#1007', 'paid', 'online', null, '2.50', jonasId],
    ]);
    expect(orders[0]?.occurredAt).toBe('2025-03-01T09:15:00.000Z');
    expect(orders[0]?.createdBy).toBe(`import:${result.id}`);
    const order = await get<{ lines: { sku: string | null; quantity: string; lineTotal: string }[] }>(
      owner,
      `/api/v1/orders/${orders[0]?.id}`,
    );
    expect(order.lines.map((l) => [l.sku, l.quantity, l.lineTotal])).toEqual([
      ['TSH-1', '2.0000', '24.00'],
      ['MUG-1', '1.0000', '8.00'],
    ]);
    const stats = await get<{ orderCount: number; lifetimeRevenue: string; favouriteCategories: string[] }>(
      owner,
      `/api/v1/people/${anaId}/purchase-stats`,
    );
    // Ties in orders per channel go to the most recent: #1006 (store) after #1001 (online).
    expect(stats).toMatchObject({ orderCount: 2, lifetimeRevenue: '56.00', favouriteChannel: 'store' });
    expect(stats.favouriteCategories).toEqual(['Kitchen', 'Apparel']);

    const again = await importFile(owner, 'order', shopify(), { mode: 'overwrite' });
    expect(again).toMatchObject({ created: 0, updated: 0, skipped: 5, rejected: 4 });
    expect(await ordersOf(owner)).toHaveLength(3);

    // A changed file replaces the order; undoing that import puts the old one back.
    const changed = fixture('orders-shopify.csv')
      .toString()
      .replace(
        '#1006,ana@example.ge,pending,EUR,2025-03-06 18:30:00 +0400,3',
        '#1006,ana@example.ge,paid,EUR,2025-03-06 18:30:00 +0400,5',
      );
    const update = await importFile(
      owner,
      'order',
      { name: 'changed.csv', content: changed },
      { mode: 'overwrite' },
    );
    expect(update).toMatchObject({ created: 0, updated: 1, skipped: 4 });
    expect((await ordersOf(owner)).find((o) => o.externalId === '#1006')).toMatchObject({
      total: '40.00',
      status: 'paid',
    });
    expect(
      (await get<{ lifetimeRevenue: string }>(owner, `/api/v1/people/${anaId}/purchase-stats`))
        .lifetimeRevenue,
    ).toBe('72.00');
    for (const id of [update.id, again.id]) {
      const undone = await post(app, owner, `/api/v1/imports/${id}/undo`);
      expect(undone.statusCode, undone.body).toBe(200);
    }
    expect((await ordersOf(owner)).find((o) => o.externalId === '#1006')).toMatchObject({
      total: '24.00',
      status: 'placed',
    });
    expect(
      (await get<{ lifetimeRevenue: string }>(owner, `/api/v1/people/${anaId}/purchase-stats`))
        .lifetimeRevenue,
    ).toBe('56.00');

    const undone = await post(app, owner, `/api/v1/imports/${result.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await ordersOf(owner)).toEqual([]);
    expect(await get(owner, `/api/v1/people/${anaId}/purchase-stats`)).toMatchObject({
      orderCount: 0,
      lifetimeRevenue: '0.00',
    });
    expect(await get(owner, `/api/v1/people/${jonasId}/purchase-stats`)).toMatchObject({ orderCount: 0 });
  });

  it('never splits an order between batches; lines apart from their order are rejected', async () => {
    const result = await importFile(
      owner,
      'order',
      { name: 'orders-scattered.csv', content: fixture('orders-scattered.csv') },
      { mode: 'overwrite' },
      2,
    );
    expect(result).toMatchObject({ created: 5, rejected: 1 });
    expect(result.errors).toEqual([
      {
        row: 6,
        column: null,
        reason:
          "Order A-1 continues here, apart from its lines from row 2 on: put an order's lines on consecutive rows (sort the file by order id)",
      },
    ]);
    const orders = await ordersOf(owner);
    expect(orders.map((o) => [o.externalId, o.status, o.total, o.occurredAt])).toEqual([
      ['A-1', 'fulfilled', '35.50', '2025-04-03T00:00:00.000Z'],
      ['B-2', 'paid', '16.00', '2025-04-04T00:00:00.000Z'],
      ['C-3', 'placed', '15.00', '2025-04-05T00:00:00.000Z'],
    ]);
    const stats = await get<{ orderCount: number }>(owner, `/api/v1/people/${jonasId}/purchase-stats`);
    expect(stats.orderCount).toBe(2);
  });

  it('creates people for unknown customers when asked; undo takes them away with the orders', async () => {
    const session = await signUp(app, 'Order customers');
    await importProducts(session);
    const uploaded = await uploadOk(app, session, { objectType: 'order' }, shopify());
    const mapping = uploaded.mapping;
    if (!mapping) throw new Error('no suggested mapping');
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/imports/${uploaded.id}/mapping`,
      headers: { cookie: session.cookie },
      payload: { mapping: { ...mapping, options: { ...mapping.options, createMissingCustomers: true } } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await post(app, session, `/api/v1/imports/${uploaded.id}/start`)).statusCode).toBe(200);
    expect(await runToEnd(db, session, uploaded.id)).toBe('completed');
    const done = await getImportOf(app, session, uploaded.id);
    // #1002 (unknown SKU) and #1004 (bad quantity) are still refused: nobody is created for them.
    expect(done).toMatchObject({ created: 5, skipped: 1, rejected: 3 });
    const people = await get<{ data: { emails: { email: string }[]; createdBy: string }[] }>(
      session,
      '/api/v1/people?limit=50',
    );
    expect(people.data.map((p) => p.emails[0]?.email).sort()).toEqual([
      'ana@example.ge',
      'ghost@example.com',
      'jonas@example.lt',
    ]);
    expect((await ordersOf(session)).map((o) => o.externalId)).toEqual(['#1001', '#1003', '#1006', '#1007']);
    const undone = await post(app, session, `/api/v1/imports/${uploaded.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await ordersOf(session)).toEqual([]);
    expect((await get<{ data: unknown[] }>(session, '/api/v1/people?limit=50')).data).toEqual([]);
  });

  it('resumes after a stop: orders finished before the checkpoint still count as ended', async () => {
    const session = await signUp(app, 'Order resume');
    await importProducts(session);
    await createPerson(session, 'Ana', 'ana@example.ge');
    await createPerson(session, 'Jonas', 'jonas@example.lt');
    const uploaded = await uploadOk(
      app,
      session,
      { objectType: 'order' },
      {
        name: 'orders-scattered.csv',
        content: fixture('orders-scattered.csv'),
      },
    );
    expect((await post(app, session, `/api/v1/imports/${uploaded.id}/start`)).statusCode).toBe(200);
    // The first batch is A-1's three lines (an order is never cut), then the run "dies".
    expect(await runToEnd(db, session, uploaded.id, { batchSize: 2, stopAfterBatches: 1 })).toBe('stopped');
    expect(await getImportOf(app, session, uploaded.id)).toMatchObject({ status: 'running', processed: 3 });
    expect(await runToEnd(db, session, uploaded.id, { batchSize: 2, staleAfterSeconds: 0 })).toBe(
      'completed',
    );
    const done = await getImportOf(app, session, uploaded.id);
    expect(done).toMatchObject({ processed: 6, created: 5, rejected: 1 });
    expect(done.errors.map((e) => e.row)).toEqual([6]);
    const orders = await ordersOf(session);
    expect(orders.map((o) => [o.externalId, o.total])).toEqual([
      ['A-1', '35.50'],
      ['B-2', '16.00'],
      ['C-3', '15.00'],
    ]);
  });
});
