import { describe, expect, it } from 'vitest';
import { createApiKey, createTestApp, signUp } from '../../../../../test/helpers.ts';

const { app } = await createTestApp();

describe('people', () => {
  it('creates, reads, updates with If-Match and deletes a person', async () => {
    const owner = await signUp(app);
    const headers = { cookie: owner.cookie };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers,
      payload: { firstName: 'Šarūnas', lastName: 'Jonaitis', emails: [{ email: 'Sarunas@Example.lt' }] },
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person.emails).toEqual([{ email: 'sarunas@example.lt', label: 'other', isPrimary: true }]);
    expect(person.ownerId).toBe(owner.me.user?.id);

    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: { ...headers, 'if-match': '"1"' },
      payload: { lastName: 'Jonaitė' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ lastName: 'Jonaitė', version: 2 });

    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: { ...headers, 'if-match': '"1"' },
      payload: { lastName: 'Lost' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('PRECONDITION_FAILED');

    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/people/${person.id}`, headers });
    expect(removed.statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers });
    expect(gone.statusCode).toBe(404);
  });

  it('works with an API key too', async () => {
    const owner = await signUp(app);
    const key = await createApiKey(app, owner, 'sales');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${key}` },
      payload: { firstName: 'Nino', lastName: 'Beridze' },
    });
    expect(created.statusCode).toBe(201);
  });
});
