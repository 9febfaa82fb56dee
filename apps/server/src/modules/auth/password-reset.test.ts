import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  errorOf,
  sessionCookieOf,
  signUp,
  uniqueAddress,
  uniqueEmail,
} from '../../../../../test/helpers.ts';
import { createMailer, type TMailer } from '../mail/index.ts';

// One file for both delivery paths: a mailer delivers every pending mail of the shared database,
// so the two must not run at the same time.
const { app, db } = await createTestApp();

const received: ParsedMail[] = [];
const smtpErrors: unknown[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push(mail);
        callback();
      },
      (error: Error) => callback(error),
    );
  },
});
let smtpPort = 0;
const outboxDir = mkdtempSync(join(tmpdir(), 'kap-outbox-'));

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(outboxDir, { recursive: true, force: true });
});

const log = { info: () => undefined, error: (obj: object) => void smtpErrors.push(obj) };

/** Runs delivery until `isDone` (other files' mail may be ahead in the outbox) or nothing is left. */
async function deliverUntil(mailer: TMailer, isDone: () => boolean): Promise<void> {
  for (let round = 0; round < 100 && !isDone(); round++) {
    if ((await mailer.deliverPending()) === 0) break;
  }
}

const tokenIn = (text: string) => /\/reset-password\?token=([\w-]+)/.exec(text)?.[1];

const requestReset = (email: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });

describe('password reset', () => {
  it('mails a token over real SMTP; the new password ends old sessions, logs in, and the token is single-use', async () => {
    const owner = await signUp(app);
    const otherSession = sessionCookieOf(
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: uniqueAddress(),
        payload: { email: owner.email, password: owner.password },
      }),
    );
    const requested = await requestReset(owner.email);
    expect(requested.statusCode).toBe(202);
    expect(requested.json()).toEqual({ ok: true });

    const mailer = createMailer(db, {
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      from: 'Kap <kap@test.local>',
      outboxDir,
      log,
    });
    const isMine = (mail: ParsedMail) =>
      mail.to !== undefined && JSON.stringify(mail.to).includes(owner.email);
    try {
      await deliverUntil(mailer, () => received.some(isMine));
    } finally {
      mailer.close();
    }
    const mail = received.find(isMine);
    expect(mail, `no mail received; delivery errors: ${JSON.stringify(smtpErrors)}`).toBeDefined();
    expect(mail?.subject).toBe('Reset your Kap password');
    expect(mail?.from?.text).toContain('kap@test.local');
    const token = tokenIn(mail?.text ?? '');
    expect(token).toMatch(/^[\w-]{40,}$/);
    const row = await db
      .selectFrom('mailOutbox')
      .select(['sentAt', 'error', 'workspaceId'])
      .where('toAddress', '=', owner.email)
      .executeTakeFirstOrThrow();
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.error).toBeNull();
    // Only its hash is stored.
    const stored = await db.selectFrom('passwordResetTokens').select('tokenHash').execute();
    expect(stored.map((r) => r.tokenHash)).not.toContain(token);

    const newPassword = 'a brand new password';
    const tooShort = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'short' },
    });
    expect(errorOf(tooShort, 400).details?.map((d) => d.path)).toEqual(['password']);

    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: newPassword },
    });
    expect(confirmed.statusCode).toBe(200);
    for (const cookie of [owner.cookie, otherSession]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
      expect(errorOf(response, 401).code).toBe('UNAUTHENTICATED');
    }
    const remoteAddress = uniqueAddress();
    const oldLogin = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: owner.email, password: owner.password },
    });
    expect(errorOf(oldLogin, 401).code).toBe('INVALID_CREDENTIALS');
    const newLogin = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: owner.email, password: newPassword },
    });
    expect(newLogin.statusCode).toBe(200);

    const reused = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'yet another password' },
    });
    const error = errorOf(reused, 400);
    expect(error.details?.map((d) => d.path)).toEqual(['token']);
    const stillNew = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: owner.email, password: newPassword },
    });
    expect(stillNew.statusCode).toBe(200);
  });

  it('without SMTP the mail stays readable in the outbox table and in <outboxDir>/<id>.txt', async () => {
    const owner = await signUp(app);
    expect((await requestReset(owner.email)).statusCode).toBe(202);
    const queued = await db
      .selectFrom('mailOutbox')
      .select(['id', 'textBody', 'sentAt'])
      .where('toAddress', '=', owner.email)
      .executeTakeFirstOrThrow();
    expect(queued.sentAt).toBeNull();
    const token = tokenIn(queued.textBody);
    expect(token).toBeDefined();

    const path = join(outboxDir, `${queued.id}.txt`);
    const mailer = createMailer(db, { smtpUrl: null, from: 'Kap <kap@test.local>', outboxDir, log });
    await deliverUntil(mailer, () => existsSync(path));
    const file = readFileSync(path, 'utf8');
    expect(file).toContain(`To: ${owner.email}`);
    expect(file).toContain('Subject: Reset your Kap password');
    expect(tokenIn(file)).toBe(token);
    const sent = await db
      .selectFrom('mailOutbox')
      .select('sentAt')
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    expect(sent.sentAt).toBeInstanceOf(Date);

    // The token from the outbox works like the mailed one.
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'outbox password 1' },
    });
    expect(confirmed.statusCode).toBe(200);
  });

  it('answers the same for an unknown address and mails nothing', async () => {
    const email = uniqueEmail('nobody');
    const response = await requestReset(email);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ ok: true });
    expect(await db.selectFrom('mailOutbox').select('id').where('toAddress', '=', email).execute()).toEqual(
      [],
    );
  });

  it('refuses an expired or made-up token', async () => {
    const owner = await signUp(app);
    await requestReset(owner.email);
    const mail = await db
      .selectFrom('mailOutbox')
      .select('textBody')
      .where('toAddress', '=', owner.email)
      .executeTakeFirstOrThrow();
    const token = tokenIn(mail.textBody) ?? '';
    await db
      .updateTable('passwordResetTokens')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('userId', '=', owner.me.user?.id ?? '')
      .execute();
    for (const candidate of [token, 'x'.repeat(43)]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token: candidate, password: 'never accepted password' },
      });
      expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(['token']);
    }
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: owner.cookie } });
    expect(me.statusCode).toBe(200);
  });
});
