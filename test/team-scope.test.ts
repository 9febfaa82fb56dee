import { describe, expect, it } from 'vitest';
import { addMember, createTestApp, signUp } from './helpers.ts';

const { app, db } = await createTestApp();

type TSession = Awaited<ReturnType<typeof signUp>>;

async function createPerson(owner: TSession, ownerId: string, firstName: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: { cookie: owner.cookie },
    payload: { firstName, ownerId },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function visibleNames(session: TSession): Promise<string[]> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/people?sort=firstName', headers: { cookie: session.cookie } });
  return (response.json().data as { firstName: string }[]).map((p) => p.firstName);
}

describe('the "team" record scope (sales)', () => {
  it('shows a sales member the records of everyone in their team, and only their own without a team', async () => {
    const owner = await signUp(app, 'Team scope');
    const ana = await addMember(app, db, owner, 'sales');
    const boris = await addMember(app, db, owner, 'sales');
    const carla = await addMember(app, db, owner, 'sales');
    const idOf = (s: TSession) => s.me.user?.id ?? '';
    const team = (
      await app.inject({ method: 'POST', url: '/api/v1/teams', headers: { cookie: owner.cookie }, payload: { name: 'North' } })
    ).json();
    for (const member of [ana, boris]) {
      const joined = await app.inject({
        method: 'PUT',
        url: `/api/v1/members/${idOf(member)}/team`,
        headers: { cookie: owner.cookie },
        payload: { teamId: team.id },
      });
      expect(joined.statusCode).toBe(204);
    }
    await createPerson(owner, idOf(ana), 'Anas');
    const borisPerson = await createPerson(owner, idOf(boris), 'Boriss');
    const carlaPerson = await createPerson(owner, idOf(carla), 'Carlas');
    await createPerson(owner, idOf(owner), 'Owners');

    expect(await visibleNames(ana)).toEqual(['Anas', 'Boriss']);
    expect(await visibleNames(boris)).toEqual(['Anas', 'Boriss']);
    expect(await visibleNames(carla)).toEqual(['Carlas']);
    expect(await visibleNames(owner)).toEqual(['Anas', 'Boriss', 'Carlas', 'Owners']);

    // A teammate's record is readable and writable; another team's is absent.
    const read = await app.inject({ method: 'GET', url: `/api/v1/people/${borisPerson}`, headers: { cookie: ana.cookie } });
    expect(read.statusCode).toBe(200);
    const write = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${borisPerson}`,
      headers: { cookie: ana.cookie },
      payload: { lastName: 'Edited by a teammate' },
    });
    expect(write.statusCode).toBe(200);
    const hidden = await app.inject({ method: 'GET', url: `/api/v1/people/${carlaPerson}`, headers: { cookie: ana.cookie } });
    expect(hidden.statusCode).toBe(404);

    // Search follows the same scope.
    const search = async (session: TSession, q: string) =>
      (
        await app.inject({ method: 'GET', url: `/api/v1/search?q=${q}`, headers: { cookie: session.cookie } })
      ).json().data.map((hit: { title: string }) => hit.title);
    expect(await search(ana, 'Boriss')).toEqual(['Boriss Edited by a teammate']);
    expect(await search(ana, 'Carlas')).toEqual([]);
    expect(await search(carla, 'Carlas')).toEqual(['Carlas']);

    // Leaving the team narrows the view at once (the next request).
    await app.inject({
      method: 'PUT',
      url: `/api/v1/members/${idOf(boris)}/team`,
      headers: { cookie: owner.cookie },
      payload: { teamId: null },
    });
    expect(await visibleNames(ana)).toEqual(['Anas']);
    expect(await visibleNames(boris)).toEqual(['Boriss']);
  });
});
