import { describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp } from '../../../../../test/helpers.ts';
import { event, postEvents, storedEvents } from './events-test-kit.ts';

const { app, db } = await createTestApp();

async function createKey(cookie: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie }, payload });
}

describe('events:write API keys', () => {
  it('post events and nothing else', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner.cookie, {
      name: 'Shop backend',
      role: 'manager',
      scopes: ['events:write'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ role: 'manager', scopes: ['events:write'] });
    const auth = { authorization: `Bearer ${created.json().key}` };

    const accepted = await postEvents(app, auth, [event()]);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await storedEvents(db, owner.me.workspace.id)).toHaveLength(1);

    for (const [method, url] of [
      ['GET', '/api/v1/people'],
      ['POST', '/api/v1/people'],
      ['GET', '/api/v1/events/frequency?type=page_view&minCount=1&days=1'],
      ['GET', '/api/v1/settings/events'],
      ['GET', '/api/v1/api-keys'],
      ['GET', '/api/v1/me'],
    ] as const) {
      const response = await app.inject({
        method,
        url,
        headers: auth,
        payload: method === 'POST' ? { firstName: 'X' } : undefined,
      });
      expect(errorOf(response, 403).message, `${method} ${url}`).toMatch(/limited to events:write/);
    }

    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie },
    });
    expect(listed.json().data[0]).toMatchObject({ name: 'Shop backend', scopes: ['events:write'] });
  });

  it('keys without scopes keep working everywhere their role allows, events included', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner.cookie, { name: 'Full', role: 'admin' });
    expect(created.json().scopes).toEqual([]);
    const auth = { authorization: `Bearer ${created.json().key}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/people', headers: auth })).statusCode).toBe(200);
    expect((await postEvents(app, auth, [event()])).statusCode).toBe(200);
    const viewer = await createKey(owner.cookie, { name: 'Viewer', role: 'viewer' });
    const refused = await postEvents(app, { authorization: `Bearer ${viewer.json().key}` }, [event()]);
    expect(errorOf(refused, 403).code).toBe('FORBIDDEN');
  });

  it('refuses a scope the role cannot serve, and unknown scopes', async () => {
    const owner = await signUp(app);
    const useless = await createKey(owner.cookie, {
      name: 'Viewer events',
      role: 'viewer',
      scopes: ['events:write'],
    });
    expect(errorOf(useless, 400).details?.[0]?.path).toBe('scopes');
    const unknown = await createKey(owner.cookie, { name: 'Odd', role: 'admin', scopes: ['people:delete'] });
    expect(errorOf(unknown, 400).details?.[0]?.path).toBe('scopes.0');
  });
});
