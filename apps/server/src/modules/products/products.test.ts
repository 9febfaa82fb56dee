import type { TProduct } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let other: TSession;

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  session: TSession,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  app.inject({ method, url, headers: { cookie: session.cookie, ...headers }, ...(payload && { payload }) });

async function create(payload: object, session = owner): Promise<TProduct> {
  const response = await call('POST', '/api/v1/products', session, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

beforeAll(async () => {
  owner = await signUp(app, 'Products');
  other = await signUp(app, 'Other products');
});

describe('products', () => {
  it('round-trip with exact prices, custom fields and audit; SKU unique per workspace', async () => {
    const field = await call('POST', '/api/v1/custom-fields', owner, {
      objectType: 'product',
      key: 'colour',
      label: 'Colour',
      type: 'text',
    });
    expect(field.statusCode, field.body).toBe(201);
    const product = await create({
      sku: 'SH-001',
      name: 'Trail shoe',
      category: 'Shoes',
      price: '129.90',
      currency: 'eur',
      customFields: { colour: 'Red' },
    });
    expect(product).toMatchObject({
      sku: 'SH-001',
      price: '129.90',
      currency: 'EUR',
      isActive: true,
      customFields: { colour: 'Red' },
      version: 1,
    });
    const badField = await call('POST', '/api/v1/products', owner, {
      sku: 'X1',
      name: 'X',
      price: '1',
      currency: 'EUR',
      customFields: { size: 4 },
    });
    expect(errorOf(badField, 400).details?.[0]?.path).toBe('customFields.size');
    errorOf(
      await call('POST', '/api/v1/products', owner, {
        sku: 'SH-001',
        name: 'Again',
        price: '1',
        currency: 'EUR',
      }),
      409,
    );
    // Another workspace may use the same SKU and cannot see this product.
    await create({ sku: 'SH-001', name: 'Theirs', price: '1.00', currency: 'EUR' }, other);
    errorOf(await call('GET', `/api/v1/products/${product.id}`, other), 404);
    const stale = await call(
      'PATCH',
      `/api/v1/products/${product.id}`,
      owner,
      { price: '99.00' },
      { 'if-match': '"7"' },
    );
    errorOf(stale, 412);
    const updated = await call(
      'PATCH',
      `/api/v1/products/${product.id}`,
      owner,
      { price: '99.00', isActive: false },
      { 'if-match': '"1"' },
    );
    expect(updated.json()).toMatchObject({ price: '99.00', isActive: false, version: 2 });
    const audit = await call('GET', `/api/v1/audit-log?recordId=${product.id}`, owner);
    const entries = audit.json().data as { action: string; before: unknown; after: unknown }[];
    expect(entries.map((e) => e.action).sort()).toEqual(['product.create', 'product.update']);
    expect(entries.find((e) => e.action === 'product.update')).toMatchObject({
      before: { price: '129.90', isActive: true },
      after: { price: '99.00', isActive: false },
    });
    for (const price of ['1.999', '-5', 'ten', '1234567890123456']) {
      const bad = await call('POST', '/api/v1/products', owner, {
        sku: `B-${price}`,
        name: 'Bad',
        price,
        currency: 'EUR',
      });
      expect(errorOf(bad, 400).details?.[0]?.path, price).toBe('price');
    }
    errorOf(
      await call('POST', '/api/v1/products', owner, {
        sku: 'has space',
        name: 'X',
        price: '1',
        currency: 'EUR',
      }),
      400,
    );
    errorOf(
      await call('POST', '/api/v1/products', owner, { sku: 'CUR', name: 'X', price: '1', currency: 'XXY' }),
      400,
    );
    expect((await call('DELETE', `/api/v1/products/${product.id}`, owner)).statusCode).toBe(204);
    errorOf(await call('GET', `/api/v1/products/${product.id}`, owner), 404);
  });

  it('list with keyset pages and filters by category, active flag and search', async () => {
    const session = await signUp(app, 'Product list');
    for (const [sku, name, category, isActive] of [
      ['P1', 'Apple', 'Fruit', true],
      ['P2', 'Banana', 'Fruit', true],
      ['P3', 'Carrot', 'Vegetable', true],
      ['P4', 'Date', 'Fruit', false],
      ['P5', 'Eggplant', 'Vegetable', true],
    ] as const) {
      await create({ sku, name, category, price: '1.00', currency: 'EUR', isActive }, session);
    }
    const page1 = (await call('GET', '/api/v1/products?limit=2', session)).json();
    const page2 = (await call('GET', `/api/v1/products?limit=2&cursor=${page1.nextCursor}`, session)).json();
    const page3 = (await call('GET', `/api/v1/products?limit=2&cursor=${page2.nextCursor}`, session)).json();
    expect([...page1.data, ...page2.data, ...page3.data].map((p: TProduct) => p.name)).toEqual([
      'Apple',
      'Banana',
      'Carrot',
      'Date',
      'Eggplant',
    ]);
    expect(page3.nextCursor).toBeNull();
    const names = async (query: string) =>
      (await call('GET', `/api/v1/products?${query}`, session)).json().data.map((p: TProduct) => p.name);
    expect(await names('category=Fruit&isActive=true')).toEqual(['Apple', 'Banana']);
    expect(await names('q=an')).toEqual(['Banana', 'Eggplant']);
    expect(await names('q=p3')).toEqual(['Carrot']);
    expect(await names('sort=-name&limit=2')).toEqual(['Eggplant', 'Date']);
    const desc1 = (await call('GET', '/api/v1/products?sort=-createdAt&limit=3', session)).json();
    const desc2 = (
      await call('GET', `/api/v1/products?sort=-createdAt&limit=3&cursor=${desc1.nextCursor}`, session)
    ).json();
    expect([...desc1.data, ...desc2.data].map((p: TProduct) => p.sku)).toEqual([
      'P5',
      'P4',
      'P3',
      'P2',
      'P1',
    ]);
    expect((await call('GET', '/api/v1/products/categories', session)).json().data).toEqual([
      'Fruit',
      'Vegetable',
    ]);
    errorOf(await call('GET', '/api/v1/products?sort=price', session), 400);
  });

  it('sales write products; support and viewers only read', async () => {
    const sales = await addMember(app, db, owner, 'sales');
    const support = await addMember(app, db, owner, 'support');
    const viewer = await addMember(app, db, owner, 'viewer');
    const made = await create({ sku: 'ROLE-1', name: 'Role', price: '5.00', currency: 'EUR' }, sales);
    for (const session of [support, viewer]) {
      expect((await call('GET', `/api/v1/products/${made.id}`, session)).statusCode).toBe(200);
      errorOf(
        await call('POST', '/api/v1/products', session, {
          sku: 'NOPE',
          name: 'No',
          price: '1',
          currency: 'EUR',
        }),
        403,
      );
      errorOf(await call('PATCH', `/api/v1/products/${made.id}`, session, { name: 'No' }), 403);
      errorOf(await call('DELETE', `/api/v1/products/${made.id}`, session), 403);
    }
  });
});
