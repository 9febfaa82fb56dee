import type { TOrder, TOrderSummary } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { ordersKit } from './orders-test-kit.ts';

const { app, db } = await createTestApp();
const kit = ordersKit(app);
const { call } = kit;

let owner: TSession;
let alice: TSession;
let bob: TSession;
const orders: Record<string, TOrder> = {};
let alicePerson: string;
let bobPerson: string;

const idsOf = async (session: TSession, query = '') => {
  const response = await call('GET', `/api/v1/orders?limit=100${query}`, session);
  expect(response.statusCode, response.body).toBe(200);
  return new Set((response.json().data as TOrderSummary[]).map((order) => order.id));
};

beforeAll(async () => {
  owner = await signUp(app, 'Order visibility');
  // Sales is a team-scope role; without a team each sales rep sees only their own records.
  alice = await addMember(app, db, owner, 'sales');
  bob = await addMember(app, db, owner, 'sales');
  alicePerson = await kit.createPerson(alice, 'Alice customer');
  bobPerson = await kit.createPerson(bob, 'Bob customer');
  const aliceCompany = await kit.createCompany(alice, 'Alice Ltd');
  const bobCompany = await kit.createCompany(bob, 'Bob Ltd');
  orders.alicePerson = await kit.createOrder(alice, kit.simpleOrder({ personId: alicePerson }));
  orders.aliceCompany = await kit.createOrder(alice, kit.simpleOrder({ companyId: aliceCompany }));
  orders.bobPerson = await kit.createOrder(bob, kit.simpleOrder({ personId: bobPerson }));
  orders.bobCompany = await kit.createOrder(bob, kit.simpleOrder({ companyId: bobCompany }));
  // Bob's person buying for Alice's company: Alice sees it through the company.
  orders.mixed = await kit.createOrder(
    owner,
    kit.simpleOrder({ personId: bobPerson, companyId: aliceCompany }),
  );
  orders.noCustomer = await kit.createOrder(owner, kit.simpleOrder({}));
});

describe('orders follow the visibility of their customer', () => {
  it('lists only the orders of the customers an own-scope rep sees', async () => {
    const id = (key: string) => orders[key]?.id;
    expect(await idsOf(alice)).toEqual(new Set([id('alicePerson'), id('aliceCompany'), id('mixed')]));
    expect(await idsOf(bob)).toEqual(new Set([id('bobPerson'), id('bobCompany'), id('mixed')]));
    expect(await idsOf(owner)).toEqual(new Set(Object.values(orders).map((order) => order.id)));
    // Filtering by a person the rep cannot see finds only what her company bought through them.
    expect(await idsOf(alice, `&personId=${bobPerson}`)).toEqual(new Set([id('mixed')]));
  });

  it("answers 404 for another rep's order: detail, change and refund", async () => {
    const bobsOrder = orders.bobPerson?.id;
    const detail = await call('GET', `/api/v1/orders/${bobsOrder}`, alice);
    expect(errorOf(detail, 404).code).toBe('NOT_FOUND');
    const patch = await call('PATCH', `/api/v1/orders/${bobsOrder}`, alice, { status: 'paid' });
    expect(errorOf(patch, 404).code).toBe('NOT_FOUND');
    const refund = await kit.refund(alice, `${bobsOrder}`, { amount: '1.00' });
    expect(errorOf(refund, 404).code).toBe('NOT_FOUND');
    const noCustomer = await call('GET', `/api/v1/orders/${orders.noCustomer?.id}`, alice);
    expect(errorOf(noCustomer, 404).code).toBe('NOT_FOUND');
    expect((await call('GET', `/api/v1/orders/${orders.mixed?.id}`, alice)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/orders/${bobsOrder}`, owner)).statusCode).toBe(200);
  });

  it("refuses an upsert over another rep's order and hides their customers' stats", async () => {
    const put = (session: TSession) =>
      call(
        'PUT',
        '/api/v1/orders/by-external-id/shop/vis-1',
        session,
        kit.simpleOrder({ personId: bobPerson }),
      );
    expect((await put(bob)).statusCode).toBe(200);
    const overwritten = await call(
      'PUT',
      '/api/v1/orders/by-external-id/shop/vis-1',
      alice,
      kit.simpleOrder({ personId: alicePerson }),
    );
    expect(errorOf(overwritten, 403).code).toBe('FORBIDDEN');
    // Creating with that external id is a 409 that does not name an order Alice cannot see.
    const duplicate = await call('POST', '/api/v1/orders', alice, {
      ...kit.simpleOrder({ personId: alicePerson }),
      source: 'shop',
      externalId: 'vis-1',
    });
    expect(errorOf(duplicate, 409).details).toEqual([
      { path: 'externalId', message: 'Already used by another order' },
    ]);
    const stats = await call('GET', `/api/v1/people/${bobPerson}/purchase-stats`, alice);
    expect(errorOf(stats, 404).code).toBe('NOT_FOUND');
    const timeline = await call('GET', `/api/v1/people/${bobPerson}/timeline`, alice);
    expect(timeline.statusCode).toBe(404);
  });
});
