import type { TOrder, TProduct } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { TSession } from '../../../../../test/helpers.ts';

/** Small request helpers shared by the orders tests (not a test file itself). */
export function ordersKit(app: FastifyInstance) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, session: TSession, payload?: object) =>
    app.inject({ method, url, headers: { cookie: session.cookie }, ...(payload && { payload }) });

  async function createProduct(session: TSession, payload: object): Promise<TProduct> {
    const response = await call('POST', '/api/v1/products', session, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function createPerson(session: TSession, firstName: string): Promise<string> {
    const response = await call('POST', '/api/v1/people', session, { firstName, lastName: 'Buyer' });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }

  async function createCompany(session: TSession, name: string): Promise<string> {
    const response = await call('POST', '/api/v1/companies', session, { name });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  }

  async function createOrder(session: TSession, payload: object): Promise<TOrder> {
    const response = await call('POST', '/api/v1/orders', session, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  /** An order of one free-text line of `amount` in EUR (the default base currency). */
  const simpleOrder = (extra: object, amount = '10.00') => ({
    channel: 'store',
    occurredAt: '2025-03-01T10:00:00Z',
    currency: 'EUR',
    lines: [{ description: 'Item', quantity: '1', unitPrice: amount }],
    ...extra,
  });

  async function refund(session: TSession, orderId: string, payload: object) {
    return call('POST', `/api/v1/orders/${orderId}/refunds`, session, payload);
  }

  async function statsOf(session: TSession, kind: 'people' | 'companies', id: string) {
    const response = await call('GET', `/api/v1/${kind}/${id}/purchase-stats`, session);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  return { call, createProduct, createPerson, createCompany, createOrder, simpleOrder, refund, statsOf };
}
