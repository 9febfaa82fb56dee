import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../../test/helpers.ts';
import { createPerson, event, eventId, postEvents, storedEvents } from './events-test-kit.ts';

const { app, db } = await createTestApp();

describe('order_placed events', () => {
  it('create or update the order they carry, for the event’s customer; a bad order rejects its event alone', async () => {
    const owner = await signUp(app);
    const auth = { cookie: owner.cookie };
    const email = `buyer-${eventId()}@example.test`;
    const personId = await createPerson(app, auth, { firstName: 'Buyer', emails: [{ email }] });
    const externalId = `W-${eventId()}`;
    const placed = event({
      type: 'order_placed',
      channel: 'web',
      person: { email },
      properties: {
        order: {
          source: 'webshop',
          externalId,
          currency: 'EUR',
          lines: [{ description: 'Trail boots', quantity: '1', unitPrice: '129.90' }],
        },
      },
    });
    const broken = event({
      type: 'order_placed',
      person: { email },
      properties: { order: { currency: 'EUR', lines: [] } },
    });
    const response = await postEvents(app, auth, [placed, broken]);
    expect(response.statusCode, response.body).toBe(207);
    expect(response.json()).toMatchObject({
      accepted: 1,
      rejected: [{ index: 1, path: 'properties.order.lines' }],
    });

    const read = async () => {
      const reply = await app.inject({
        method: 'GET',
        url: `/api/v1/orders?source=webshop&externalId=${externalId}`,
        headers: auth,
      });
      expect(reply.statusCode, reply.body).toBe(200);
      const orders = reply.json().data as Record<string, unknown>[];
      expect(orders).toHaveLength(1);
      return orders[0] ?? {};
    };
    const order = await read();
    expect(order).toMatchObject({ personId, channel: 'online', currency: 'EUR', total: '129.90' });

    // The shop resends the event (a retry): neither a second event nor a second order.
    const again = await postEvents(app, auth, [placed]);
    expect(again.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect((await read()).id).toBe(order.id);
    expect(await storedEvents(db, owner.me.workspace.id)).toHaveLength(1);
  });
});
