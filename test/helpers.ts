import { randomInt } from 'node:crypto';
import type { TErrorBody, TMeResponse, TRole } from '@kap/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import {
  buildApp,
  createDb,
  createPool,
  loadConfig,
  runMigrations,
  type TConfig,
  type TDb,
} from '../apps/server/src/index.ts';

export type TTestApp = { app: FastifyInstance; db: TDb; pool: pg.Pool; url: string };

/** A real app on the run's real database (or `overrides.databaseUrl`); closed after the file's tests. */
export async function createTestApp(overrides: Partial<TConfig> = {}): Promise<TTestApp> {
  const url = overrides.databaseUrl ?? inject('databaseUrl');
  const pool = createPool(url, 5);
  const db = createDb(pool);
  const config = loadConfig(
    { ...process.env, LOG_LEVEL: 'silent' },
    { openSignup: true, rateLimitPerMinute: 100_000, runWorkers: false, databaseUrl: url, ...overrides },
  );
  const app = await buildApp({ config, db });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });
  return { app, db, pool, url };
}

let counter = 0;

/**
 * A brand-new migrated database on the run's PostgreSQL, dropped after the file's tests: for what
 * only a fresh install shows (the first sign-up), which the shared database can no longer show.
 */
export async function createFreshDatabase(): Promise<string> {
  const base = new URL(inject('databaseUrl'));
  const name = `kap_fresh_${Date.now()}_${process.pid}_${counter++}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  afterAll(() => admin(`drop database if exists ${name} with (force)`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 1);
  try {
    await runMigrations(pool);
  } finally {
    await pool.end();
  }
  return url.toString();
}

export const uniqueEmail = (label = 'user') =>
  `${label}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.test`;

export type TSession = { cookie: string; me: TMeResponse; email: string; password: string };

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'kap_session');
  if (!cookie) throw new Error(`No session cookie in reply ${response.statusCode}: ${response.body}`);
  return `kap_session=${cookie.value}`;
}

/** Signs up a brand-new workspace (tests run with open sign-up) and returns its owner's session. */
export async function signUp(app: FastifyInstance, workspaceName = 'Test workspace'): Promise<TSession> {
  const email = uniqueEmail('owner');
  const password = 'a long enough password';
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { workspaceName, name: 'Owner Person', email, password },
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.body}`);
  return { cookie: sessionCookieOf(response), me: response.json(), email, password };
}

/** Invites someone with a role through the API, accepts through the API (token read from the outbox). */
export async function addMember(
  app: FastifyInstance,
  db: TDb,
  owner: TSession,
  role: TRole,
): Promise<TSession> {
  const email = uniqueEmail(role);
  const password = 'another long password';
  const invite = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: { cookie: owner.cookie },
    payload: { email, role },
  });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.body}`);
  const token = await readTokenFromOutbox(db, email, 'accept-invitation');
  const accepted = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    payload: { token, name: `${role} member`, password },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
  return { cookie: sessionCookieOf(accepted), me: accepted.json(), email, password };
}

export async function readTokenFromOutbox(db: TDb, to: string, path: string): Promise<string> {
  const mail = await db
    .selectFrom('mailOutbox')
    .select('textBody')
    .where('toAddress', '=', to)
    .orderBy('createdAt', 'desc')
    .executeTakeFirstOrThrow();
  const match = new RegExp(`/${path}\\?token=([\\w-]+)`).exec(mail.textBody);
  if (!match?.[1]) throw new Error(`No ${path} token in mail to ${to}`);
  return match[1];
}

export async function createApiKey(app: FastifyInstance, owner: TSession, role: TRole): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: { cookie: owner.cookie },
    payload: { name: `${role} key`, role },
  });
  if (response.statusCode !== 201) throw new Error(`api key failed: ${response.body}`);
  return response.json().key as string;
}

/**
 * A client address of its own (for `remoteAddress` in inject): login throttling counts failures per
 * IP across the whole shared database, so each test that fails logins on purpose uses its own.
 */
export const uniqueAddress = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** The `error` object of an error reply, after checking the status. */
export function errorOf(response: LightMyRequestResponse, status: number): TErrorBody['error'] {
  if (response.statusCode !== status) {
    throw new Error(`Expected ${status}, got ${response.statusCode}: ${response.body}`);
  }
  return (response.json() as TErrorBody).error;
}
