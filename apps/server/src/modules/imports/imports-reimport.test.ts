import type { TCompany, TImport, TImportMappingInput } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { csvOf, getImportOf, post, runToEnd, uploadOk } from './imports-test-kit.ts';

const { app, db } = await createTestApp();

async function runImport(
  session: TSession,
  objectType: 'company' | 'activity' | 'person',
  mapping: TImportMappingInput,
  rows: string[][],
  fields: Record<string, string | string[]> = {},
  batchSize?: number,
): Promise<TImport> {
  const uploaded = await uploadOk(
    app,
    session,
    { objectType, mapping: JSON.stringify(mapping), ...fields },
    { name: `${objectType}.csv`, content: csvOf(rows) },
  );
  expect(await runToEnd(db, session, uploaded.id, batchSize ? { batchSize } : {})).toBe('completed');
  return getImportOf(app, session, uploaded.id);
}

async function listCompanies(session: TSession): Promise<TCompany[]> {
  const response = await app.inject({
    method: 'GET',
    url: '/api/v1/companies?limit=100&sort=name',
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data;
}

const countActivities = async (workspaceId: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from activities where workspace_id = ${workspaceId}`.execute(db)
    ).rows[0]?.n,
  );

const activityIds = async (workspaceId: string) =>
  (
    await sql<{ id: string }>`select id from activities where workspace_id = ${workspaceId}`.execute(db)
  ).rows.map((r) => r.id);

const COMPANY_MAPPING = {
  columns: [
    { column: 'Id', target: 'externalId' },
    { column: 'Company', target: 'name' },
    { column: 'Industry', target: 'industry' },
  ],
  options: { externalIdSource: 'hubspot' },
};
const COMPANY_HEADER = ['Id', 'Company', 'Industry'];

describe('companies import: matching on external id', () => {
  let owner: TSession;
  beforeAll(async () => {
    owner = await signUp(app, 'Company external id import');
    const first = await runImport(
      owner,
      'company',
      COMPANY_MAPPING,
      [COMPANY_HEADER, ['1', 'Ararat Foods', ''], ['2', 'Baltic Amber', 'Retail']],
      { match: 'externalId' },
    );
    expect(first).toMatchObject({ created: 2, updated: 0, skipped: 0, rejected: 0 });
  });

  it('lists imports with the rate they ran at and their time left', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/imports',
      headers: { cookie: owner.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    const [latest] = response.json().data;
    expect(latest.rowsPerSecond).toBeGreaterThan(0);
    expect(latest.etaSeconds).toBe(0);
  });

  it('stores the external id on created companies', async () => {
    const companies = await listCompanies(owner);
    expect(companies.map((c) => [c.name, c.externalIds])).toEqual([
      ['Ararat Foods', [{ source: 'hubspot', id: '1' }]],
      ['Baltic Amber', [{ source: 'hubspot', id: '2' }]],
    ]);
  });

  it('skip: a renamed company is still found by its id; duplicates inside the file are skipped too', async () => {
    const result = await runImport(
      owner,
      'company',
      COMPANY_MAPPING,
      [
        COMPANY_HEADER,
        ['1', 'Ararat Foods LLC', 'Food'],
        ['3', 'Kartuli', 'Wine'],
        ['3', 'Kartuli Again', ''],
      ],
      { match: 'externalId', mode: 'skip' },
    );
    expect(result).toMatchObject({ created: 1, updated: 0, skipped: 2, rejected: 0 });
    expect((await listCompanies(owner)).map((c) => [c.name, c.industry])).toEqual([
      ['Ararat Foods', null],
      ['Baltic Amber', 'Retail'],
      ['Kartuli', 'Wine'],
    ]);
  });

  it('fillEmpty fills only empty fields of the company the id names', async () => {
    const result = await runImport(
      owner,
      'company',
      COMPANY_MAPPING,
      [COMPANY_HEADER, ['1', 'Ararat Foods LLC', 'Food'], ['2', 'Baltic Amber', 'Jewellery']],
      { match: 'externalId', mode: 'fillEmpty' },
    );
    expect(result).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    expect((await listCompanies(owner)).map((c) => [c.name, c.industry])).toEqual([
      ['Ararat Foods', 'Food'],
      ['Baltic Amber', 'Retail'],
      ['Kartuli', 'Wine'],
    ]);
  });

  it("overwrite replaces with the file's values; a later row of the file with the same id wins", async () => {
    const result = await runImport(
      owner,
      'company',
      COMPANY_MAPPING,
      [
        COMPANY_HEADER,
        ['2', 'Baltic Amber UAB', 'Jewellery'],
        ['2', 'Baltic Amber UAB', 'Amber'],
        ['4', 'Noyan', ''],
      ],
      { match: 'externalId', mode: 'overwrite' },
      1,
    );
    expect(result).toMatchObject({ created: 1, updated: 2, skipped: 0 });
    const companies = await listCompanies(owner);
    expect(companies.map((c) => [c.name, c.industry])).toEqual([
      ['Ararat Foods', 'Food'],
      ['Baltic Amber UAB', 'Amber'],
      ['Kartuli', 'Wine'],
      ['Noyan', null],
    ]);
    expect(companies.find((c) => c.name === 'Noyan')?.externalIds).toEqual([{ source: 'hubspot', id: '4' }]);
  });

  it('matching on name adds the id to the company found; an id another company holds rejects the row', async () => {
    const result = await runImport(
      owner,
      'company',
      COMPANY_MAPPING,
      [COMPANY_HEADER, ['9', 'Kartuli', ''], ['1', 'Noyan', '']],
      { match: 'name', mode: 'fillEmpty' },
    );
    expect(result).toMatchObject({ created: 0, updated: 1, rejected: 1 });
    expect(result.errors[0]?.reason).toBe('External id hubspot:1 belongs to another company');
    const kartuli = (await listCompanies(owner)).find((c) => c.name === 'Kartuli');
    expect(kartuli?.externalIds).toEqual([
      { source: 'hubspot', id: '3' },
      { source: 'hubspot', id: '9' },
    ]);
  });

  it('undo takes the external ids back with the rest of the before-image', async () => {
    const result = await runImport(
      owner,
      'company',
      COMPANY_MAPPING,
      [COMPANY_HEADER, ['4', 'Noyan', 'Logistics']],
      {
        match: 'name',
        mode: 'overwrite',
      },
    );
    expect(result.updated).toBe(1);
    const undone = await post(app, owner, `/api/v1/imports/${result.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    const noyan = (await listCompanies(owner)).find((c) => c.name === 'Noyan');
    expect(noyan).toMatchObject({ industry: null, externalIds: [{ source: 'hubspot', id: '4' }] });
  });
});

const ACTIVITY_COLUMNS = [
  { column: 'Type', target: 'type' },
  { column: 'Direction', target: 'direction' },
  { column: 'When', target: 'occurredAt' },
  { column: 'Subject', target: 'subject' },
  { column: 'Email', target: 'personEmail' },
  { column: 'Company', target: 'companyName' },
];
const ACTIVITY_ROWS = [
  ['Type', 'Direction', 'When', 'Subject', 'Email', 'Company'],
  ['call', 'out', '2025-03-01 10:00', 'Intro call', 'nino@example.ge', 'Kartuli'],
  ['note', '', '2025-03-02 11:00', 'Met at the fair', 'nino@example.ge', ''],
  ['note', '', '', 'No date given', '', ''],
];

describe('activities import: a re-run creates nothing new', () => {
  let owner: TSession;
  beforeAll(async () => {
    owner = await signUp(app, 'Activities re-import');
    await runImport(
      owner,
      'person',
      { columns: [{ column: 'Email', target: 'email' }] },
      [['Email'], ['nino@example.ge']],
      { match: 'email' },
    );
  });

  it('without an external id column: the same file twice, in any mode, creates each activity once', async () => {
    const mapping = { columns: ACTIVITY_COLUMNS };
    const first = await runImport(owner, 'activity', mapping, ACTIVITY_ROWS);
    expect(first).toMatchObject({ created: 3, skipped: 0, rejected: 0 });
    const workspaceId = owner.me.workspace.id;
    expect(await countActivities(workspaceId)).toBe(3);
    for (const mode of ['skip', 'overwrite'] as const) {
      const again = await runImport(owner, 'activity', mapping, ACTIVITY_ROWS, { mode });
      expect(again).toMatchObject({ created: 0, updated: 0, skipped: 3, rejected: 0 });
    }
    expect(await countActivities(workspaceId)).toBe(3);

    // A changed cell is another activity; a row twice in one file is one activity.
    const changed = await runImport(owner, 'activity', mapping, [
      ...ACTIVITY_ROWS,
      ['call', 'out', '2025-03-01 10:00', 'Intro call (follow-up)', 'nino@example.ge', 'Kartuli'],
      ['call', 'out', '2025-03-01 10:00', 'Intro call (follow-up)', 'nino@example.ge', 'Kartuli'],
    ]);
    expect(changed).toMatchObject({ created: 1, skipped: 4 });
    expect(await countActivities(workspaceId)).toBe(4);

    // Undo of a re-run removes only what it created; the first import's activities stay.
    expect((await post(app, owner, `/api/v1/imports/${changed.id}/undo`)).statusCode).toBe(200);
    expect(await countActivities(workspaceId)).toBe(3);
    const rerunUndo = await post(app, owner, `/api/v1/imports/${first.id}/undo`);
    expect(rerunUndo.statusCode, rerunUndo.body).toBe(200);
    expect(await countActivities(workspaceId)).toBe(0);
    // Once undone, the file imports again (the keys went with the activities).
    expect(await runImport(owner, 'activity', mapping, ACTIVITY_ROWS)).toMatchObject({ created: 3 });
    expect(await countActivities(workspaceId)).toBe(3);
  });

  it('with an external id column: found by its id, updated per mode, undo restores the update', async () => {
    const session = await signUp(app, 'Activities external ids');
    await runImport(
      session,
      'person',
      { columns: [{ column: 'Email', target: 'email' }] },
      [['Email'], ['nino@example.ge']],
      { match: 'email' },
    );
    const mapping = {
      columns: [{ column: 'Activity id', target: 'externalId' }, ...ACTIVITY_COLUMNS],
      options: { externalIdSource: 'pipedrive' },
    };
    const header = ['Activity id', ...(ACTIVITY_ROWS[0] ?? [])];
    const rows = [
      header,
      ['a-1', 'call', 'out', '2025-03-01 10:00', 'Intro call', 'nino@example.ge', 'Kartuli'],
      ['a-2', 'note', '', '2025-03-02 11:00', '', 'nino@example.ge', ''],
    ];
    const workspaceId = session.me.workspace.id;
    const created = await runImport(session, 'activity', mapping, rows);
    expect(created).toMatchObject({ created: 2 });
    expect(await runImport(session, 'activity', mapping, rows, { mode: 'overwrite' })).toMatchObject({
      created: 0,
      updated: 0,
      skipped: 2,
    });
    const edited = [
      header,
      ['a-1', 'call', 'out', '2025-03-01 12:30', 'Intro call, rescheduled', 'nino@example.ge', 'Kartuli'],
      ['a-2', 'note', '', '2025-03-02 11:00', 'Now with a subject', 'nino@example.ge', ''],
    ];
    expect(await runImport(session, 'activity', mapping, edited, { mode: 'skip' })).toMatchObject({
      created: 0,
      skipped: 2,
    });
    const filled = await runImport(session, 'activity', mapping, edited, { mode: 'fillEmpty' });
    expect(filled).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    const overwritten = await runImport(session, 'activity', mapping, edited, { mode: 'overwrite' });
    expect(overwritten).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    expect(await countActivities(workspaceId)).toBe(2);
    const stored = async () =>
      (
        await sql<{ externalId: string; subject: string | null; occurredAt: Date; linkTimes: Date[] }>`
          select a.external_id, a.subject, a.occurred_at,
                 array(select l.occurred_at from activity_links l
                        where l.workspace_id = a.workspace_id and l.activity_id = a.id) as link_times
            from activities a where a.workspace_id = ${workspaceId} order by a.external_id`.execute(db)
      ).rows.map((r) => [
        r.externalId,
        r.subject,
        r.occurredAt.toISOString(),
        r.linkTimes.map((t) => t.toISOString()),
      ]);
    expect(await stored()).toEqual([
      [
        'a-1',
        'Intro call, rescheduled',
        '2025-03-01T12:30:00.000Z',
        ['2025-03-01T12:30:00.000Z', '2025-03-01T12:30:00.000Z'],
      ],
      ['a-2', 'Now with a subject', '2025-03-02T11:00:00.000Z', ['2025-03-02T11:00:00.000Z']],
    ]);
    // Undo of the overwrite puts a-1 back as the fillEmpty run left it.
    const undone = await post(app, session, `/api/v1/imports/${overwritten.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect((await stored())[0]?.slice(0, 3)).toEqual(['a-1', 'Intro call', '2025-03-01T10:00:00.000Z']);
    expect((await post(app, session, `/api/v1/imports/${filled.id}/undo`)).statusCode).toBe(200);
    expect((await stored())[1]?.slice(0, 2)).toEqual(['a-2', null]);
    // The first import's activities were changed since it ran: its undo is refused, naming them.
    const refused = errorOf(await post(app, session, `/api/v1/imports/${created.id}/undo`), 409);
    expect(refused.details?.map((d) => d.path).sort()).toEqual(
      (await activityIds(workspaceId)).map((id) => `records.${id}`).sort(),
    );
  });
});
