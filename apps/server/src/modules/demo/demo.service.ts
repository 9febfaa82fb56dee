import { randomBytes } from 'node:crypto';
import type { TRole } from '@kap/shared';
import { sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import { withWorkspace } from '../../db/tenant.ts';
import { AppError } from '../../lib/errors.ts';
import { recordSystemAudit } from '../audit/index.ts';
import { createMemberAccount, signUp } from '../auth/index.ts';
import { rebuildPersonIdentifiers } from '../people/index.ts';
import { findFirstWorkspace, listMemberRoles } from '../workspaces/index.ts';
import { makeDemoCompanies, makeDemoProfile } from './demo-companies.ts';
import { createRandom, DEMO_ANCHOR, makeDemoPerson } from './demo-people.ts';
import { insertDemoCompanies, insertDemoRelations } from './demo-relations.ts';

const BATCH_SIZE = 1000;
const DEMO_SEED = 20_260_115;
const DEMO_LOCK_KEY = 4_242_003;

export const DEMO_OWNER_EMAIL = 'demo@kap.local';
export const DEMO_WORKSPACE_NAME = 'Kap Demo';

/** Colleagues of the demo owner, so records have several owners. They log in after a password reset. */
const DEMO_COLLEAGUES: { email: string; name: string; role: TRole }[] = [
  { email: 'aram@kap.local', name: 'Արամ Սարգսյան', role: 'sales' },
  { email: 'tamar@kap.local', name: 'თამარ კაპანაძე', role: 'manager' },
  { email: 'ruta@kap.local', name: 'Rūta Kazlauskienė', role: 'sales' },
  { email: 'oliver@kap.local', name: 'Oliver Bennett', role: 'sales' },
];

export type TSeedDemoOptions = {
  people: number;
  /** Companies to create (default: one for every ten people); people are linked to them. */
  companies?: number;
  onProgress?: (done: number, total: number) => void;
};

export type TSeedDemoResult = { created: number; existing: number; companies?: number; activities?: number };

/**
 * Fills an EMPTY workspace with demo people, 1000 to an INSERT, in one transaction under the
 * workspace's row-level security, owners spread across its members. A workspace that already has
 * people is left alone (`existing` says how many), so running it twice does no harm.
 *
 * Companies come first; about seven people in ten work at one of them, and people have a few
 * activities each, so the timeline has something to show. Rows go in directly (not through the
 * services) for speed; the lookup identifiers are rebuilt afterwards.
 */
export async function seedDemoData(
  db: TDb,
  workspaceId: string,
  options: TSeedDemoOptions,
): Promise<TSeedDemoResult> {
  const ownerIds = (await listMemberRoles(db, workspaceId)).map((member) => member.userId);
  const random = createRandom(DEMO_SEED);
  return withWorkspace(db, workspaceId, async (trx) => {
    // Two `serve --demo` processes starting together must not both seed.
    await sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`.execute(trx);
    const existing = await trx
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('workspaceId', '=', workspaceId)
      .executeTakeFirstOrThrow();
    if (Number(existing.count) > 0) return { created: 0, existing: Number(existing.count) };

    const companies = makeDemoCompanies(
      createRandom(DEMO_SEED + 1),
      options.companies ?? Math.max(10, Math.round(options.people / 10)),
      ownerIds,
      DEMO_ANCHOR,
    );
    await insertDemoCompanies(trx, workspaceId, companies);
    const linkRandom = createRandom(DEMO_SEED + 2);
    const profileRandom = createRandom(DEMO_SEED + 3);
    let activityCount = 0;

    for (let start = 0; start < options.people; start += BATCH_SIZE) {
      const end = Math.min(start + BATCH_SIZE, options.people);
      const rows = [];
      for (let index = start; index < end; index++) {
        const person = makeDemoPerson(random, index, options.people, ownerIds);
        rows.push({
          ...person,
          workspaceId,
          emails: JSON.stringify(person.emails),
          // Stored as the people service stores them: E.164, no spaces.
          phones: JSON.stringify(
            person.phones.map((phone) => ({ ...phone, number: `+${phone.number.replace(/\D/g, '')}` })),
          ),
          ...makeDemoProfile(profileRandom),
          createdBy: person.ownerId,
          updatedBy: person.ownerId,
        });
      }
      await trx.insertInto('people').values(rows).execute();
      activityCount += await insertDemoRelations(trx, workspaceId, rows, companies, linkRandom);
      options.onProgress?.(end, options.people);
    }
    // Rows went in directly, so the email/phone lookup index is filled in one pass afterwards.
    await rebuildPersonIdentifiers(trx, workspaceId);
    await recordSystemAudit(trx, workspaceId, {
      action: 'demo.seed',
      recordType: 'workspace',
      recordId: workspaceId,
      after: { people: options.people, companies: companies.length, activities: activityCount },
    });
    return { created: options.people, existing: 0, companies: companies.length, activities: activityCount };
  });
}

export type TDemoAccount = { email: string; password: string };

/** A fresh install's demo workspace: its owner (password generated, shown once) and colleagues. */
export async function createDemoWorkspace(db: TDb): Promise<{ workspaceId: string; account: TDemoAccount }> {
  const password = randomBytes(12).toString('base64url');
  const { workspaceId } = await signUp(
    db,
    { workspaceName: DEMO_WORKSPACE_NAME, name: 'Demo Owner', email: DEMO_OWNER_EMAIL, password },
    false,
  );
  for (const colleague of DEMO_COLLEAGUES) {
    await createMemberAccount(db, {
      ...colleague,
      workspaceId,
      password: randomBytes(24).toString('base64url'),
    });
  }
  return { workspaceId, account: { email: DEMO_OWNER_EMAIL, password } };
}

export type TPrepareDemoResult = TSeedDemoResult & {
  workspaceId: string;
  workspaceName: string;
  /** Only when the demo workspace was created just now. */
  account: TDemoAccount | null;
};

/**
 * `kap serve --demo`: the install's first workspace gets demo people if it has none; an install
 * with no workspace at all gets a demo workspace first.
 */
export async function prepareDemo(
  db: TDb,
  options: TSeedDemoOptions & { onAccountCreated?: (account: TDemoAccount) => void },
): Promise<TPrepareDemoResult> {
  let account: TDemoAccount | null = null;
  let workspace = await findFirstWorkspace(db);
  if (!workspace) {
    try {
      const created = await createDemoWorkspace(db);
      account = created.account;
      // Told at once: if seeding is interrupted, the account stays and its password must not be lost.
      options.onAccountCreated?.(account);
    } catch (error) {
      // Another Kap process created the first workspace a moment ago: use that one.
      if (!(error instanceof AppError && error.code === 'SIGNUP_CLOSED')) throw error;
    }
    workspace = await findFirstWorkspace(db);
    if (!workspace) throw new Error('The demo workspace could not be created');
  }
  const result = await seedDemoData(db, workspace.id, options);
  return { ...result, workspaceId: workspace.id, workspaceName: workspace.name, account };
}
