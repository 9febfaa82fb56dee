import type { FastifyError } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers.ts';
import { toErrorBody } from './app.ts';

const { pool } = await createTestApp();
afterAll(() => pool.end());

/** Two clients lock two rows in opposite orders: PostgreSQL rolls one of them back with 40P01. */
async function provokeDeadlock(): Promise<unknown> {
  const table = `deadlock_probe_${process.pid}`;
  await pool.query(`create table if not exists ${table} (id int primary key)`);
  await pool.query(`insert into ${table} values (1), (2) on conflict do nothing`);
  const [a, b] = [await pool.connect(), await pool.connect()];
  try {
    await a.query('begin');
    await b.query('begin');
    await a.query(`update ${table} set id = id where id = 1`);
    await b.query(`update ${table} set id = id where id = 2`);
    const results = await Promise.allSettled([
      a.query(`update ${table} set id = id where id = 2`),
      b.query(`update ${table} set id = id where id = 1`),
    ]);
    return results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason;
  } finally {
    await a.query('rollback').catch(() => undefined);
    await b.query('rollback').catch(() => undefined);
    a.release();
    b.release();
    await pool.query(`drop table if exists ${table}`);
  }
}

describe('a transaction that lost to a concurrent one', () => {
  it("PostgreSQL's deadlock error answers 409 CONFLICT asking to try again, not 500", async () => {
    const error = await provokeDeadlock();
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect((error as pg.DatabaseError).code).toBe('40P01');
    const body = toErrorBody(error as FastifyError, 'req-1');
    expect(body.error.code).toBe('CONFLICT');
    expect(body.error.message).toMatch(/try again/);
    expect(body.error.message).not.toMatch(/deadlock|process \d+/);
  });

  it('any other database error stays an opaque 500', () => {
    const error = Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
    expect(toErrorBody(error as FastifyError, 'req-2').error.code).toBe('INTERNAL');
  });
});
