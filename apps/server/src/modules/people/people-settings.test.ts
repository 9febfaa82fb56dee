import { DEFAULT_LIFECYCLE_STAGES } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let manager: TSession;

const as = (session: TSession) => ({ cookie: session.cookie });

beforeAll(async () => {
  owner = await signUp(app, 'Settings');
  manager = await addMember(app, db, owner, 'manager');
});

const put = (session: TSession, url: string, payload: object) =>
  app.inject({ method: 'PUT', url, headers: as(session), payload });

describe('lifecycle stages', () => {
  it('start as the built-in stages; admins replace them; a stage in use cannot be removed', async () => {
    const initial = await app.inject({
      method: 'GET',
      url: '/api/v1/settings/lifecycle-stages',
      headers: as(manager),
    });
    expect(initial.json()).toEqual({ stages: DEFAULT_LIFECYCLE_STAGES });

    const stages = [
      { key: 'lead', label: 'Lead' },
      { key: 'regular', label: 'Regular guest' },
      { key: 'customer', label: 'Customer' },
    ];
    expect(errorOf(await put(manager, '/api/v1/settings/lifecycle-stages', { stages }), 403).code).toBe(
      'FORBIDDEN',
    );
    const saved = await put(owner, '/api/v1/settings/lifecycle-stages', { stages });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ stages });

    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(owner),
      payload: { firstName: 'Regular', lifecycleStage: 'regular' },
    });
    expect(person.statusCode, person.body).toBe(201);
    const gone = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(owner),
      payload: { firstName: 'Old', lifecycleStage: 'evangelist' },
    });
    expect(errorOf(gone, 400).details?.map((d) => d.path)).toEqual(['lifecycleStage']);

    const removal = await put(owner, '/api/v1/settings/lifecycle-stages', {
      stages: [{ key: 'lead', label: 'Lead' }],
    });
    const conflict = errorOf(removal, 409);
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.details).toEqual([{ path: 'stages', message: '1 person is at "regular"' }]);

    // Renaming a label is always fine.
    const renamed = await put(owner, '/api/v1/settings/lifecycle-stages', {
      stages: [{ key: 'regular', label: 'Stammgast' }, ...stages.filter((s) => s.key !== 'regular')],
    });
    expect(renamed.statusCode).toBe(200);
  });

  it('refuses malformed stage lists', async () => {
    const cases = [
      { stages: [] },
      { stages: [{ key: 'Lead', label: 'Lead' }] },
      {
        stages: [
          { key: 'lead', label: 'A' },
          { key: 'lead', label: 'B' },
        ],
      },
    ];
    for (const payload of cases) {
      const error = errorOf(await put(owner, '/api/v1/settings/lifecycle-stages', payload), 400);
      expect(error.details?.[0]?.path).toMatch(/^stages/);
    }
  });
});

describe('default phone country', () => {
  it('none by default; once set, numbers without "+" are read as that country', async () => {
    const workspace = await signUp(app, 'Phones');
    const initial = await app.inject({
      method: 'GET',
      url: '/api/v1/settings/default-country',
      headers: as(workspace),
    });
    expect(initial.json()).toEqual({ defaultCountry: null });
    const create = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: as(workspace),
        payload: { phones: [{ number: '091 123 456' }] },
      });
    const refused = errorOf(await create(), 400);
    expect(refused.details?.map((d) => d.path)).toEqual(['phones.0.number']);
    expect(refused.details?.[0]?.message).toContain('default country');

    expect(
      errorOf(await put(workspace, '/api/v1/settings/default-country', { defaultCountry: 'XX' }), 400)
        .details?.[0]?.path,
    ).toBe('defaultCountry');
    const saved = await put(workspace, '/api/v1/settings/default-country', { defaultCountry: 'am' });
    expect(saved.json()).toEqual({ defaultCountry: 'AM' });
    const accepted = await create();
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json().phones[0].number).toBe('+37491123456');
    const found = await app.inject({
      method: 'GET',
      url: '/api/v1/people?phone=091123456',
      headers: as(workspace),
    });
    expect(found.json().data.map((p: { id: string }) => p.id)).toEqual([accepted.json().id]);
    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-log?recordType=settings&recordId=defaultCountry',
      headers: as(workspace),
    });
    expect(audit.json().data[0]).toMatchObject({
      before: { defaultCountry: null },
      after: { defaultCountry: 'AM' },
    });
  });
});
