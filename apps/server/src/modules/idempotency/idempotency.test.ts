import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  errorOf,
  signUp,
  type TSession,
  uniqueEmail,
} from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
beforeAll(async () => {
  owner = await signUp(app);
});

let keyCounter = 0;
const newKey = () => `idem-${Date.now()}-${keyCounter++}`;

const postPerson = (session: TSession, key: string, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: { cookie: session.cookie, 'idempotency-key': key },
    payload,
  });

const peopleNamed = (firstName: string) =>
  db
    .selectFrom('people')
    .select('id')
    .where('workspaceId', '=', owner.me.workspace.id)
    .where('firstName', '=', firstName)
    .execute();

describe('Idempotency-Key on POST', () => {
  it('a retry with the same key and body replays the first reply and creates nothing', async () => {
    const key = newKey();
    const first = await postPerson(owner, key, { firstName: 'Retried', lastName: 'Once' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await postPerson(owner, key, { firstName: 'Retried', lastName: 'Once' });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await peopleNamed('Retried')).toEqual([{ id: first.json().id }]);
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('workspaceId', '=', owner.me.workspace.id)
      .where('recordId', '=', first.json().id)
      .execute();
    expect(audit).toEqual([{ action: 'person.create' }]);
  });

  it('the same key with a different body is refused with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = newKey();
    expect((await postPerson(owner, key, { firstName: 'Original' })).statusCode).toBe(201);
    const reused = await postPerson(owner, key, { firstName: 'Different' });
    const error = errorOf(reused, 409);
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(error.details?.map((d) => d.path)).toEqual(['Idempotency-Key']);
    expect(await peopleNamed('Different')).toEqual([]);
    // The same key on another endpoint is a different request too.
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie, 'idempotency-key': key },
      payload: { name: 'Other', role: 'viewer' },
    });
    expect(errorOf(elsewhere, 409).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('concurrent requests with the same key create one person and all get its reply', async () => {
    const key = newKey();
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => postPerson(owner, key, { firstName: 'Concurrent', lastName: 'Key' })),
    );
    expect(replies.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(replies.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await peopleNamed('Concurrent')).toHaveLength(1);
  });

  it('keys belong to the actor: another member using the same key acts anew', async () => {
    const support = await addMember(app, db, owner, 'support');
    const key = newKey();
    const mine = await postPerson(owner, key, { firstName: 'Per actor' });
    const theirs = await postPerson(support, key, { firstName: 'Per actor' });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(await peopleNamed('Per actor')).toHaveLength(2);
  });

  it('a failed request is not remembered: the retry runs again', async () => {
    const viewer = await addMember(app, db, owner, 'viewer');
    const key = newKey();
    const refused = await postPerson(viewer, key, { firstName: 'Refused' });
    expect(errorOf(refused, 403).code).toBe('FORBIDDEN');
    const again = await postPerson(viewer, key, { firstName: 'Refused' });
    expect(errorOf(again, 403).code).toBe('FORBIDDEN');
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('replays an invitation too: one invitation, one mail', async () => {
    const key = newKey();
    const email = uniqueEmail('idem-invite');
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: { cookie: owner.cookie, 'idempotency-key': key },
        payload: { email, role: 'viewer' },
      });
    const first = await send();
    const second = await send();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(
      await db.selectFrom('mailOutbox').select('id').where('toAddress', '=', email).execute(),
    ).toHaveLength(1);
    expect(await db.selectFrom('invitations').select('id').where('email', '=', email).execute()).toHaveLength(
      1,
    );
  });

  it('a key longer than 200 characters is refused', async () => {
    const response = await postPerson(owner, 'k'.repeat(201), { firstName: 'Long key' });
    expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(['Idempotency-Key']);
    expect(await peopleNamed('Long key')).toEqual([]);
  });
});
