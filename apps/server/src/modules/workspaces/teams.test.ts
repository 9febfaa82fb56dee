import { describe, expect, it } from 'vitest';
import { addMember, createTestApp, signUp } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

describe('teams', () => {
  it('are created, renamed, filled and deleted by admins, with audit entries', async () => {
    const owner = await signUp(app, 'Teams');
    const headers = { cookie: owner.cookie };
    const sales = await addMember(app, db, owner, 'sales');
    const salesId = sales.me.user?.id ?? '';

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers,
      payload: { name: 'North' },
    });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers,
      payload: { name: 'north' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.details[0].path).toBe('name');

    const joined = await app.inject({
      method: 'PUT',
      url: `/api/v1/members/${salesId}/team`,
      headers,
      payload: { teamId: team.id },
    });
    expect(joined.statusCode).toBe(204);
    const teams = await app.inject({
      method: 'GET',
      url: '/api/v1/teams',
      headers: { cookie: sales.cookie },
    });
    expect(teams.json().data).toEqual([{ ...team, memberIds: [salesId] }]);
    const members = await app.inject({ method: 'GET', url: '/api/v1/members', headers });
    expect(members.json().data.find((m: { userId: string }) => m.userId === salesId).teamId).toBe(team.id);

    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${team.id}`,
      headers,
      payload: { name: 'South' },
    });
    expect(renamed.json().name).toBe('South');

    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/teams/${team.id}`, headers });
    expect(removed.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/v1/members', headers });
    const member = after.json().data.find((m: { userId: string }) => m.userId === salesId);
    expect(member).toMatchObject({ teamId: null, role: 'sales' });

    const audit = await app.inject({ method: 'GET', url: '/api/v1/audit-log?recordType=team', headers });
    expect(audit.json().data.map((e: { action: string }) => e.action)).toEqual([
      'team.delete',
      'team.update',
      'team.create',
    ]);
  });

  it('only members who manage users change teams; other workspaces are out of reach', async () => {
    const owner = await signUp(app, 'Teams B');
    const manager = await addMember(app, db, owner, 'manager');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: manager.cookie },
      payload: { name: 'Mine' },
    });
    expect(denied.statusCode).toBe(403);
    const team = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: { cookie: owner.cookie },
        payload: { name: 'B team' },
      })
    ).json();
    const stranger = await signUp(app, 'Teams C');
    for (const request of [
      { method: 'PATCH' as const, url: `/api/v1/teams/${team.id}`, payload: { name: 'Stolen' } },
      { method: 'DELETE' as const, url: `/api/v1/teams/${team.id}` },
      {
        method: 'PUT' as const,
        url: `/api/v1/members/${manager.me.user?.id}/team`,
        payload: { teamId: null },
      },
    ]) {
      const response = await app.inject({ ...request, headers: { cookie: stranger.cookie } });
      expect(response.statusCode).toBe(404);
    }
    const unknownTeam = await app.inject({
      method: 'PUT',
      url: `/api/v1/members/${manager.me.user?.id}/team`,
      headers: { cookie: owner.cookie },
      payload: { teamId: '01a20000-0000-7000-8000-000000000000' },
    });
    expect(unknownTeam.statusCode).toBe(404);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: owner.cookie },
      payload: { name: '' },
    });
    expect(bad.json().error.details[0].path).toBe('name');
  });
});
