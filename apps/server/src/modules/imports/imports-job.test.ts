import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { TImport, TPerson } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { csvOf, getImportOf, post, runToEnd, uploadOk } from './imports-test-kit.ts';

const { app, db } = await createTestApp();

const PERSON_MAPPING = {
  columns: [
    { column: 'first', target: 'firstName' },
    { column: 'last', target: 'lastName' },
    { column: 'email', target: 'email' },
    { column: 'title', target: 'jobTitle' },
  ],
};

async function listPeople(session: TSession): Promise<TPerson[]> {
  const response = await app.inject({
    method: 'GET',
    url: '/api/v1/people?limit=500&sort=firstName',
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data;
}

async function importPeople(
  session: TSession,
  rows: string[][],
  fields: Record<string, string> = {},
  batchSize?: number,
): Promise<TImport> {
  const uploaded = await uploadOk(
    app,
    session,
    { objectType: 'person', mapping: JSON.stringify(PERSON_MAPPING), match: 'email', ...fields },
    { name: 'people.csv', content: csvOf([['first', 'last', 'email', 'title'], ...rows]) },
  );
  expect(await runToEnd(db, session, uploaded.id, batchSize ? { batchSize } : {})).toBe('completed');
  return getImportOf(app, session, uploaded.id);
}

const countRows = async (table: 'people' | 'person_identifiers', workspaceId: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(db)
    ).rows[0]?.n,
  );

describe('imports: dedupe modes', () => {
  let owner: TSession;
  beforeAll(async () => {
    owner = await signUp(app, 'Dedupe');
    await importPeople(owner, [
      ['Ana', 'Kalandadze', 'ana@example.ge', ''],
      ['Jonas', '', 'jonas@example.lt', 'Engineer'],
    ]);
  });

  it('skip leaves matches alone; duplicates inside the file too', async () => {
    const result = await importPeople(
      owner,
      [
        ['Ana', 'Other', 'ana@example.ge', 'CEO'],
        ['Lina', 'Petraitė', 'lina@example.lt', ''],
        ['Lina', 'Again', 'LINA@example.lt', 'CTO'],
      ],
      { mode: 'skip' },
    );
    expect(result).toMatchObject({ created: 1, updated: 0, skipped: 2, rejected: 0 });
    const people = await listPeople(owner);
    expect(people.map((p) => [p.firstName, p.lastName, p.jobTitle])).toEqual([
      ['Ana', 'Kalandadze', null],
      ['Jonas', null, 'Engineer'],
      ['Lina', 'Petraitė', null],
    ]);
  });

  it('fillEmpty writes only empty fields', async () => {
    const result = await importPeople(
      owner,
      [
        ['Ana', 'Changed', 'ana@example.ge', 'CEO'],
        ['Jonas', 'Jonaitis', 'jonas@example.lt', 'Manager'],
      ],
      { mode: 'fillEmpty' },
    );
    expect(result).toMatchObject({ created: 0, updated: 2, skipped: 0 });
    const people = await listPeople(owner);
    expect(people.map((p) => [p.firstName, p.lastName, p.jobTitle])).toEqual([
      ['Ana', 'Kalandadze', 'CEO'],
      ['Jonas', 'Jonaitis', 'Engineer'],
      ['Lina', 'Petraitė', null],
    ]);
  });

  it("overwrite replaces with the file's values; a later duplicate row in the file wins", async () => {
    const result = await importPeople(
      owner,
      [
        ['Ana', 'New', 'ana@example.ge', ''],
        ['Mariam', 'Sargsyan', 'mariam@example.am', 'Designer'],
        ['Mariam', 'Sargsyan', 'mariam@example.am', 'Lead designer'],
      ],
      { mode: 'overwrite' },
      1,
    );
    // One row a batch: the new person is created by one batch and found (committed) by the next.
    expect(result).toMatchObject({ created: 1, updated: 2, skipped: 0 });
    const people = await listPeople(owner);
    expect(people.map((p) => [p.firstName, p.lastName, p.jobTitle])).toEqual([
      ['Ana', 'New', 'CEO'],
      ['Jonas', 'Jonaitis', 'Engineer'],
      ['Lina', 'Petraitė', null],
      ['Mariam', 'Sargsyan', 'Lead designer'],
    ]);
  });
});

describe('imports: cancel, resume, undo', () => {
  const rowsOf = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => [`P${i}`, prefix, `${prefix}${i}@example.com`, '']);

  it('a run stopped after two batches (as if killed) resumes from its checkpoint without duplicates', async () => {
    const owner = await signUp(app, 'Resume');
    const uploaded = await uploadOk(
      app,
      owner,
      { objectType: 'person', mapping: JSON.stringify(PERSON_MAPPING), match: 'email' },
      {
        name: 'many.csv',
        content: csvOf([
          ['first', 'last', 'email', 'title'],
          ...rowsOf(1000, 'r'),
          ['dup', 'r', 'r5@example.com', ''],
        ]),
      },
    );
    expect(await runToEnd(db, owner, uploaded.id, { batchSize: 200, stopAfterBatches: 2 })).toBe('stopped');
    const midway = await getImportOf(app, owner, uploaded.id);
    expect(midway).toMatchObject({ status: 'running', processed: 400, created: 400 });
    expect(midway.total).toBeGreaterThanOrEqual(400);
    // A live lease is not taken over...
    expect(await runToEnd(db, owner, uploaded.id, { batchSize: 200 })).toBe('not-runnable');
    // ...a crash inside a batch leaves nothing of it behind...
    expect(
      await runToEnd(db, owner, uploaded.id, {
        batchSize: 200,
        staleAfterSeconds: 0,
        afterBatchWrite: () => {
          throw new Error('simulated crash');
        },
      }),
    ).toBe('failed');
    expect(await countRows('people', owner.me.workspace.id)).toBe(400);
    const failed = await getImportOf(app, owner, uploaded.id);
    expect(failed).toMatchObject({ status: 'failed', processed: 400, failureReason: 'simulated crash' });

    // ...and a stale one is: the next worker goes on after row 400.
    await sql`update imports set status = 'running' where id = ${uploaded.id}`.execute(db);
    expect(await runToEnd(db, owner, uploaded.id, { batchSize: 200, staleAfterSeconds: 0 })).toBe(
      'completed',
    );
    const done = await getImportOf(app, owner, uploaded.id);
    expect(done).toMatchObject({
      status: 'completed',
      processed: 1001,
      created: 1000,
      skipped: 1,
      total: 1001,
    });
    expect(await countRows('people', owner.me.workspace.id)).toBe(1000);
    expect(await countRows('person_identifiers', owner.me.workspace.id)).toBe(1000);
  });

  it('kill -9 of the process running an import inside a batch: the batch is not half-written, a resume completes it', {
    timeout: 120_000,
  }, async () => {
    const owner = await signUp(app, 'Kill');
    const uploaded = await uploadOk(
      app,
      owner,
      { objectType: 'person', mapping: JSON.stringify(PERSON_MAPPING), match: 'email' },
      { name: 'k.csv', content: csvOf([['first', 'last', 'email', 'title'], ...rowsOf(450, 'k')]) },
    );
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'import-kill-child.fixture.ts'),
        inject('databaseUrl'),
        owner.me.workspace.id,
        uploaded.id,
      ],
      { stdio: 'inherit' },
    );
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGKILL');
    // Two batches committed; the third died with its transaction.
    expect(await getImportOf(app, owner, uploaded.id)).toMatchObject({
      status: 'running',
      processed: 200,
      created: 200,
    });
    expect(await countRows('people', owner.me.workspace.id)).toBe(200);
    expect(await runToEnd(db, owner, uploaded.id, { batchSize: 100, staleAfterSeconds: 0 })).toBe(
      'completed',
    );
    expect(await getImportOf(app, owner, uploaded.id)).toMatchObject({ processed: 450, created: 450 });
    expect(await countRows('people', owner.me.workspace.id)).toBe(450);
  });

  it('cancel stops a running import between batches, keeping what got in', async () => {
    const owner = await signUp(app, 'Cancel');
    const uploaded = await uploadOk(
      app,
      owner,
      { objectType: 'person', mapping: JSON.stringify(PERSON_MAPPING), match: 'email' },
      { name: 'c.csv', content: csvOf([['first', 'last', 'email', 'title'], ...rowsOf(500, 'c')]) },
    );
    const outcome = await runToEnd(db, owner, uploaded.id, {
      batchSize: 100,
      onProgress: (progress) => {
        if (progress.processed === 200) void post(app, owner, `/api/v1/imports/${uploaded.id}/cancel`);
      },
    });
    expect(outcome).toBe('cancelled');
    const cancelled = await getImportOf(app, owner, uploaded.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.processed).toBeLessThan(500);
    expect(await countRows('people', owner.me.workspace.id)).toBe(cancelled.created);
    // A finished import cannot be cancelled again.
    expect(errorOf(await post(app, owner, `/api/v1/imports/${uploaded.id}/cancel`), 409).code).toBe(
      'CONFLICT',
    );
  });

  it('undo removes created records and reverts updates; refused (409, naming them) once someone edited one', async () => {
    const owner = await signUp(app, 'Undo');
    await importPeople(owner, [['Old', 'Name', 'old@example.com', 'Clerk']]);
    const [old] = await listPeople(owner);
    const second = await importPeople(
      owner,
      [
        ['Old', 'Renamed', 'old@example.com', 'Boss'],
        ['New', 'Person', 'new@example.com', ''],
      ],
      { mode: 'overwrite' },
    );
    expect(second).toMatchObject({ created: 1, updated: 1 });
    const newPerson = (await listPeople(owner)).find((p) => p.firstName === 'New');
    // Someone edits a record the import created: undo is refused and names it.
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${newPerson?.id}`,
      headers: { cookie: owner.cookie },
      payload: { jobTitle: 'Edited' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const refused = errorOf(await post(app, owner, `/api/v1/imports/${second.id}/undo`), 409);
    expect(refused.details?.map((d) => d.path)).toEqual([`records.${newPerson?.id}`]);
    expect(await listPeople(owner)).toHaveLength(2);

    // Once it is deleted by hand, undo goes through: the update is reverted.
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/people/${newPerson?.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(removed.statusCode, removed.body).toBe(204);
    const undone = await post(app, owner, `/api/v1/imports/${second.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().status).toBe('undone');
    const after = await listPeople(owner);
    expect(after.map((p) => [p.id, p.lastName, p.jobTitle])).toEqual([[old?.id, 'Name', 'Clerk']]);
    const audit = await sql<{
      action: string;
    }>`select action from audit_log where workspace_id = ${owner.me.workspace.id} and record_id = ${second.id} order by id`.execute(
      db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'import.upload',
      'import.start',
      'import.finish',
      'import.undo',
    ]);
    expect(errorOf(await post(app, owner, `/api/v1/imports/${second.id}/undo`), 409).code).toBe('CONFLICT');
  });
});

describe('imports: companies and size', () => {
  it('companies dedupe on name and domain', async () => {
    const owner = await signUp(app, 'Companies import');
    const uploaded = await uploadOk(
      app,
      owner,
      {
        objectType: 'company',
        mapping: JSON.stringify({
          columns: [
            { column: 'Company', target: 'name' },
            { column: 'Website', target: 'domains' },
            { column: 'Industry', target: 'industry' },
          ],
        }),
        match: ['name', 'domain'],
        mode: 'fillEmpty',
      },
      {
        name: 'c.csv',
        content: csvOf([
          ['Company', 'Website', 'Industry'],
          ['Baltic Amber', 'https://amber.lt', 'Retail'],
          ['BALTIC AMBER', '', 'Jewellery'],
          ['Amber Group', 'amber.lt', ''],
          ['Kartuli', '', 'Wine'],
        ]),
      },
    );
    expect(await runToEnd(db, owner, uploaded.id)).toBe('completed');
    expect(await getImportOf(app, owner, uploaded.id)).toMatchObject({ created: 2, skipped: 2, updated: 0 });
    const companies = await app.inject({
      method: 'GET',
      url: '/api/v1/companies?limit=50&sort=name',
      headers: { cookie: owner.cookie },
    });
    expect(
      companies
        .json()
        .data.map((c: { name: string; domains: string[]; industry: string }) => [
          c.name,
          c.domains,
          c.industry,
        ]),
    ).toEqual([
      ['Baltic Amber', ['amber.lt'], 'Retail'],
      ['Kartuli', [], 'Wine'],
    ]);
  });

  it('activities link to people by email and to their company; unknown people are rejected; undo removes them', async () => {
    const owner = await signUp(app, 'Activities import');
    await importPeople(owner, [['Nino', 'Beridze', 'nino@example.ge', '']]);
    const [nino] = await listPeople(owner);
    const uploaded = await uploadOk(
      app,
      owner,
      {
        objectType: 'activity',
        mapping: JSON.stringify({
          columns: [
            { column: 'Type', target: 'type' },
            { column: 'Direction', target: 'direction' },
            { column: 'When', target: 'occurredAt' },
            { column: 'Subject', target: 'subject' },
            { column: 'Email', target: 'personEmail' },
            { column: 'Company', target: 'companyName' },
          ],
        }),
      },
      {
        name: 'a.csv',
        content: csvOf([
          ['Type', 'Direction', 'When', 'Subject', 'Email', 'Company'],
          ['call', 'out', '2025-03-01 10:00', 'Intro call', 'NINO@example.ge', 'Kartuli'],
          ['note', '', '2025-03-02 11:00', 'Met at fair', 'nobody@example.ge', ''],
        ]),
      },
    );
    expect(await runToEnd(db, owner, uploaded.id)).toBe('completed');
    const done = await getImportOf(app, owner, uploaded.id);
    expect(done).toMatchObject({ created: 1, rejected: 1 });
    expect(done.errors[0]?.reason).toContain('nobody@example.ge');
    const activities = await app.inject({
      method: 'GET',
      url: `/api/v1/activities?personId=${nino?.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(
      activities
        .json()
        .data.map((a: { subject: string; type: string; direction: string }) => [
          a.type,
          a.direction,
          a.subject,
        ]),
    ).toEqual([['call', 'out', 'Intro call']]);
    expect(activities.json().data[0].companyIds).toHaveLength(1);
    const undone = await post(app, owner, `/api/v1/imports/${uploaded.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/activities?personId=${nino?.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(after.json().data).toHaveLength(0);
  });

  it('imports a 100k-row file', { timeout: 900_000 }, async () => {
    const owner = await signUp(app, 'Big import');
    const lines = ['first,last,email,title'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`Name${i},Surname${i % 977},person${i}@big.example,${i % 50 === 0 ? 'Lead' : ''}`);
    const uploaded = await uploadOk(
      app,
      owner,
      { objectType: 'person', mapping: JSON.stringify(PERSON_MAPPING), match: 'email' },
      { name: 'big.csv', content: lines.join('\n') },
    );
    expect(await runToEnd(db, owner, uploaded.id)).toBe('completed');
    const done = await getImportOf(app, owner, uploaded.id);
    expect(done).toMatchObject({ processed: 100_000, created: 100_000, rejected: 0, total: 100_000 });
    expect(done.rowsPerSecond).toBeGreaterThan(0);
    expect(await countRows('people', owner.me.workspace.id)).toBe(100_000);
    const found = await app.inject({
      method: 'GET',
      url: '/api/v1/people?email=person99999@big.example',
      headers: { cookie: owner.cookie },
    });
    expect(found.json().data.map((p: TPerson) => p.firstName)).toEqual(['Name99999']);
  });
});
