import { describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, uniqueAddress, uniqueEmail } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

const logIn = (email: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } });

describe('login throttling (stored in PostgreSQL)', () => {
  it('locks an account after 5 wrong passwords: 429 with Retry-After, even for the right password, from any address', async () => {
    const owner = await signUp(app);
    const address = uniqueAddress();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await logIn(owner.email, `wrong password ${attempt}`, address);
      expect(errorOf(response, 401).code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await logIn(owner.email, 'wrong password 6', address);
    expect(errorOf(locked, 429).code).toBe('RATE_LIMITED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const right = await logIn(owner.email, owner.password, address);
    expect(errorOf(right, 429).code).toBe('RATE_LIMITED');
    expect(right.cookies).toHaveLength(0);
    const elsewhere = await logIn(owner.email, owner.password, uniqueAddress());
    expect(errorOf(elsewhere, 429).code).toBe('RATE_LIMITED');

    // Another account from the same address is not affected by this account's lock.
    const other = await signUp(app);
    expect((await logIn(other.email, other.password, address)).statusCode).toBe(200);

    // Once the lock has run out, the right password works again and clears the count.
    await db
      .updateTable('loginThrottle')
      .set({ lockedUntil: new Date(Date.now() - 1000), windowStartedAt: new Date(Date.now() - 16 * 60_000) })
      .where('key', '=', `email:${owner.email}`)
      .execute();
    expect((await logIn(owner.email, owner.password, address)).statusCode).toBe(200);
    expect(
      await db.selectFrom('loginThrottle').select('key').where('key', '=', `email:${owner.email}`).execute(),
    ).toEqual([]);
  });

  it('parallel guesses cannot get past the limit: of 12 at once, at most 5 are checked', async () => {
    const owner = await signUp(app);
    const address = uniqueAddress();
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => logIn(owner.email, `parallel guess ${i}`, address)),
    );
    const statuses = replies.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(errorOf(await logIn(owner.email, owner.password, address), 429).code).toBe('RATE_LIMITED');
  });

  it('a successful login resets the count of wrong passwords', async () => {
    const owner = await signUp(app);
    const address = uniqueAddress();
    for (let round = 0; round < 2; round++) {
      for (let attempt = 1; attempt <= 4; attempt++) {
        expect((await logIn(owner.email, 'not it at all', address)).statusCode).toBe(401);
      }
      expect((await logIn(owner.email, owner.password, address)).statusCode).toBe(200);
    }
  });

  it('locks an address after 20 failures across accounts, for every account', async () => {
    const owner = await signUp(app);
    const address = uniqueAddress();
    for (let attempt = 1; attempt <= 20; attempt++) {
      expect((await logIn(uniqueEmail('guess'), 'a guessed password', address)).statusCode).toBe(401);
    }
    const locked = await logIn(owner.email, owner.password, address);
    expect(errorOf(locked, 429).code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await logIn(owner.email, owner.password, uniqueAddress())).statusCode).toBe(200);
  });
});
