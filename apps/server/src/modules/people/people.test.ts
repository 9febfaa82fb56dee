import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
beforeAll(async () => {
  owner = await signUp(app);
});

const headers = () => ({ cookie: owner.cookie });

async function createPerson(payload: Record<string, unknown> = { firstName: 'Nino', lastName: 'Beridze' }) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/people', headers: headers(), payload });
  expect(response.statusCode, response.body).toBe(201);
  return response;
}

describe('people', () => {
  it('creates, reads, updates with If-Match and deletes a person', async () => {
    const created = await createPerson({
      firstName: 'Šarūnas',
      lastName: 'Jonaitis',
      emails: [{ email: 'Sarunas@Example.lt' }],
      phones: [{ number: '+370 600 00000', label: 'mobile' }],
    });
    const { possibleDuplicates, ...person } = created.json();
    expect(possibleDuplicates).toEqual([]);
    expect(person.emails).toEqual([{ email: 'sarunas@example.lt', label: 'other', isPrimary: true }]);
    // Stored and answered in E.164, whatever the spelling it came in.
    expect(person.phones).toEqual([{ number: '+37060000000', label: 'mobile', isPrimary: true }]);
    expect(person).toMatchObject({ ownerId: owner.me.user?.id, version: 1, createdBy: owner.me.user?.id });
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/api/v1/people/${person.id}`);

    const read = await app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: headers() });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(person);

    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: { ...headers(), 'if-match': '"1"' },
      payload: { lastName: 'Jonaitė' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ firstName: 'Šarūnas', lastName: 'Jonaitė', version: 2 });
    expect(updated.headers.etag).toBe('"2"');

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/people/${person.id}`,
      headers: headers(),
    });
    expect(removed.statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: headers() });
    expect(errorOf(gone, 404).code).toBe('NOT_FOUND');
  });

  it('works with an API key too', async () => {
    const key = await createApiKey(app, owner, 'sales');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${key}` },
      payload: { firstName: 'Nino', lastName: 'Beridze' },
    });
    expect(created.statusCode).toBe(201);
  });

  it('an id that is not a UUID is simply not found', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/people/not-a-uuid',
      headers: headers(),
    });
    expect(errorOf(response, 404).code).toBe('NOT_FOUND');
  });
});

describe('stale writes (If-Match → 412)', () => {
  it('PATCH with a stale version is refused and changes nothing; W/"n" and bare n are accepted', async () => {
    const id = (await createPerson()).json().id;
    const first = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      headers: { ...headers(), 'if-match': 'W/"1"' },
      payload: { firstName: 'First' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      headers: { ...headers(), 'if-match': '"1"' },
      payload: { firstName: 'Lost update' },
    });
    expect(errorOf(stale, 412).code).toBe('PRECONDITION_FAILED');
    const row = await db
      .selectFrom('people')
      .select(['firstName', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ firstName: 'First', version: 2 });
    const bare = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      headers: { ...headers(), 'if-match': '2' },
      payload: { firstName: 'Second' },
    });
    expect(bare.json()).toMatchObject({ firstName: 'Second', version: 3 });
    const malformed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      headers: { ...headers(), 'if-match': 'yesterday' },
      payload: { firstName: 'X' },
    });
    expect(errorOf(malformed, 400).details?.map((d) => d.path)).toEqual(['If-Match']);
  });

  it('DELETE with a stale version is refused and the person stays', async () => {
    const id = (await createPerson()).json().id;
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      headers: headers(),
      payload: { lastName: 'Moved on' },
    });
    const stale = await app.inject({
      method: 'DELETE',
      url: `/api/v1/people/${id}`,
      headers: { ...headers(), 'if-match': '"1"' },
    });
    expect(errorOf(stale, 412).code).toBe('PRECONDITION_FAILED');
    expect(await db.selectFrom('people').select('id').where('id', '=', id).execute()).toHaveLength(1);
    const fresh = await app.inject({
      method: 'DELETE',
      url: `/api/v1/people/${id}`,
      headers: { ...headers(), 'if-match': '"2"' },
    });
    expect(fresh.statusCode).toBe(204);
  });

  it('two writers with the same version at the same moment: one wins, the other gets 412', async () => {
    const id = (await createPerson()).json().id;
    const write = (firstName: string) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/people/${id}`,
        headers: { ...headers(), 'if-match': '"1"' },
        payload: { firstName },
      });
    const [a, b] = await Promise.all([write('Writer A'), write('Writer B')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    const winner = a.statusCode === 200 ? 'Writer A' : 'Writer B';
    const row = await db
      .selectFrom('people')
      .select(['firstName', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ firstName: winner, version: 2 });
  });
});

describe('validation errors name the field', () => {
  const cases: { name: string; payload: unknown; paths: string[] }[] = [
    { name: 'bad email', payload: { emails: [{ email: 'not-an-email' }] }, paths: ['emails.0.email'] },
    {
      name: 'second bad email',
      payload: { firstName: 'A', emails: [{ email: 'a@b.cd' }, { email: 'nope' }] },
      paths: ['emails.1.email'],
    },
    { name: 'bad phone', payload: { phones: [{ number: 'call me' }] }, paths: ['phones.0.number'] },
    { name: 'nothing to name the person by', payload: { firstName: '' }, paths: ['firstName'] },
    { name: 'owner id not a UUID', payload: { firstName: 'A', ownerId: 'me' }, paths: ['ownerId'] },
    { name: 'wrong type', payload: { firstName: 42 }, paths: ['firstName'] },
    {
      name: 'two primary emails',
      payload: {
        emails: [
          { email: 'a@b.cd', isPrimary: true },
          { email: 'c@d.ef', isPrimary: true },
        ],
      },
      paths: ['emails'],
    },
    {
      name: 'a NUL character (PostgreSQL cannot store it)',
      payload: { firstName: 'Nul\u0000led' },
      paths: ['firstName'],
    },
    {
      name: 'a NUL character in a label',
      payload: { firstName: 'A', emails: [{ email: 'a@b.cd', label: 'x\u0000' }] },
      paths: ['emails.0.label'],
    },
  ];
  it.each(cases)('$name → 400 at $paths', async ({ payload, paths }) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: headers(),
      payload: payload as object,
    });
    const error = errorOf(response, 400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toEqual(paths);
    expect(error.message).toContain(paths[0]);
  });

  const queries: { query: string; paths: string[] }[] = [
    { query: 'limit=0', paths: ['query.limit'] },
    { query: 'limit=501', paths: ['query.limit'] },
    { query: 'limit=ten', paths: ['query.limit'] },
    { query: 'sort=shoeSize', paths: ['query.sort'] },
    { query: 'ownerId=someone', paths: ['query.ownerId'] },
    { query: 'q=a%00b', paths: ['query.q'] },
  ];
  it.each(queries)('GET /people?$query → 400 at $paths', async ({ query, paths }) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/people?${query}`, headers: headers() });
    expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(paths);
  });

  const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
  const cursors: { name: string; sort: string; cursor: string }[] = [
    { name: 'not base64 JSON', sort: '-createdAt', cursor: 'abc' },
    { name: 'wrong length', sort: '-createdAt', cursor: cursor(['2025-01-01 00:00:00+00']) },
    { name: 'an id that is not a UUID', sort: 'firstName', cursor: cursor(['Ana', 'x']) },
    {
      name: 'a time that is not a time',
      sort: 'createdAt',
      cursor: cursor(['yesterday', '0190d2a4-0000-7000-8000-000000000000']),
    },
    {
      name: 'an impossible date',
      sort: '-updatedAt',
      cursor: cursor(['2025-02-30T00:00:00.000000Z', '0190d2a4-0000-7000-8000-000000000000']),
    },
    { name: 'values of the wrong type', sort: 'lastName', cursor: cursor([{ a: 1 }, null]) },
    {
      name: 'a NUL character',
      sort: 'lastName',
      cursor: cursor(['a\u0000', '0190d2a4-0000-7000-8000-000000000000']),
    },
  ];
  it.each(cursors)('a bad cursor ($name) → 400 at cursor', async ({ sort, cursor: value }) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/people?sort=${sort}&cursor=${value}`,
      headers: headers(),
    });
    const error = errorOf(response, 400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toEqual(['cursor']);
  });

  it('an owner that is not a member of the workspace → 400 at ownerId', async () => {
    const stranger = await signUp(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: headers(),
      payload: { firstName: 'A', ownerId: stranger.me.user?.id },
    });
    expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(['ownerId']);
  });
});
