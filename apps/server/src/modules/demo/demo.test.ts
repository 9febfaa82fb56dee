import { ZPersonEmail, ZPersonPhone } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { addMember, createTestApp, signUp } from '../../../../../test/helpers.ts';
import { seedDemoData } from './index.ts';

const { app, db } = await createTestApp();

async function peopleOf(workspaceId: string) {
  return db
    .selectFrom('people')
    .select(['firstName', 'lastName', 'emails', 'phones', 'ownerId', 'createdAt'])
    .where('workspaceId', '=', workspaceId)
    .orderBy('createdAt')
    .execute();
}

describe('demo data', () => {
  it('seeds realistic, deterministic people once', async () => {
    const owner = await signUp(app, 'Demo A');
    const member = await addMember(app, db, owner, 'sales');
    const workspaceId = owner.me.workspace.id;
    const progress: number[] = [];
    const result = await seedDemoData(db, workspaceId, {
      people: 2500,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toMatchObject({ created: 2500, existing: 0, companies: 250 });
    expect(result.activities).toBeGreaterThan(1000);
    expect(progress).toEqual([1000, 2000, 2500]);

    const people = await peopleOf(workspaceId);
    expect(people).toHaveLength(2500);
    const names = people.map((p) => `${p.firstName} ${p.lastName}`);
    expect(names.some((n) => /\p{Script=Armenian}/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Georgian}/u.test(n))).toBe(true);
    expect(names.some((n) => /[ąčęėįšųūž]/i.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Za-z]+ [A-Za-z]+$/.test(n))).toBe(true);
    const phones = people.flatMap((p) => p.phones.map((phone) => phone.number));
    expect(phones.every((n) => /^\+\d{8,15}$/.test(n))).toBe(true); // E.164, as the API stores them
    for (const prefix of ['+374', '+995', '+370', '+44', '+1']) {
      expect(
        phones.some((n) => n.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
    // Everything the API would accept, and no address that could ever receive mail.
    for (const person of people) {
      for (const email of person.emails) {
        expect(ZPersonEmail.safeParse(email).success, email.email).toBe(true);
        expect(email.email.endsWith('.example')).toBe(true);
      }
      for (const phone of person.phones)
        expect(ZPersonPhone.safeParse(phone).success, phone.number).toBe(true);
    }
    const owners = new Set(people.map((p) => p.ownerId));
    expect(owners).toEqual(new Set([owner.me.user?.id, member.me.user?.id, null]));

    expect(await seedDemoData(db, workspaceId, { people: 10 })).toEqual({ created: 0, existing: 2500 });
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('workspaceId', '=', workspaceId)
      .where('action', '=', 'demo.seed')
      .execute();
    expect(audit).toHaveLength(1);

    // Same people, in the same order, in another workspace: screenshots stay stable.
    const other = await signUp(app, 'Demo B');
    await seedDemoData(db, other.me.workspace.id, { people: 2500 });
    const again = await peopleOf(other.me.workspace.id);
    expect(again.map((p) => [p.firstName, p.lastName, p.emails, p.createdAt])).toEqual(
      people.map((p) => [p.firstName, p.lastName, p.emails, p.createdAt]),
    );
  });

  it('shows up through the API under row-level security', async () => {
    const owner = await signUp(app, 'Demo C');
    await seedDemoData(db, owner.me.workspace.id, { people: 30 });
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/people?limit=100',
      headers: { cookie: owner.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toHaveLength(30);
  });

  it('gives people companies, activities and a timeline that the API shows', async () => {
    const owner = await signUp(app, 'Demo C');
    const workspaceId = owner.me.workspace.id;
    const result = await seedDemoData(db, workspaceId, { people: 300, companies: 20 });
    expect(result.companies).toBe(20);
    const companies = await app.inject({
      method: 'GET',
      url: '/api/v1/companies?limit=50',
      headers: { cookie: owner.cookie },
    });
    expect(companies.statusCode).toBe(200);
    const companyRows = companies.json().data as { name: string; domains: string[] }[];
    expect(companyRows).toHaveLength(20);
    expect(companyRows.every((c) => c.domains[0]?.endsWith('.example'))).toBe(true);

    const links = await db
      .selectFrom('personCompanies')
      .select('personId')
      .where('workspaceId', '=', workspaceId)
      .execute();
    expect(links.length).toBeGreaterThan(150); // about seven in ten of 300
    const withActivity = await db
      .selectFrom('activityLinks')
      .select('recordId')
      .where('workspaceId', '=', workspaceId)
      .where('recordType', '=', 'person')
      .executeTakeFirstOrThrow();
    const timeline = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${withActivity.recordId}/timeline`,
      headers: { cookie: owner.cookie },
    });
    expect(timeline.statusCode).toBe(200);
    expect((timeline.json().data as { kind: string }[]).some((item) => item.kind === 'activity')).toBe(true);
    // The lookup index knows the demo people's emails.
    const email = (await peopleOf(workspaceId)).flatMap((p) => p.emails)[0]?.email ?? '';
    expect(email).toMatch(/@/);
    const found = await app.inject({
      method: 'GET',
      url: `/api/v1/people?email=${encodeURIComponent(email)}`,
      headers: { cookie: owner.cookie },
    });
    const foundEmails = (found.json().data as { emails: { email: string }[] }[]).flatMap((p) =>
      p.emails.map((e) => e.email),
    );
    expect(foundEmails).toContain(email);
  });
});
