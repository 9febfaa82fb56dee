import { sql, type Transaction } from 'kysely';
import { isUuid } from '../lib/ids.ts';
import type { TDatabase } from './database.ts';
import type { TDb } from './pool.ts';

export type TTrx = Transaction<TDatabase>;

/**
 * Runs `work` in one transaction as the `kap_app` role with the workspace set, so PostgreSQL's
 * row-level security policies hide every other workspace's rows: a second wall behind the
 * `workspace_id` condition each query carries. Everything in it commits or nothing does.
 *
 * Every authenticated request comes through here, so `BEGIN` and the settings travel in one round
 * trip (a parameterless multi-statement query); the workspace id is a checked UUID, so inlining it
 * is safe.
 */
export function withWorkspace<T>(db: TDb, workspaceId: string, work: (trx: TTrx) => Promise<T>): Promise<T> {
  if (!isUuid(workspaceId)) throw new Error(`Not a workspace id: ${workspaceId}`);
  return db.connection().execute(async (connection) => {
    await sql
      .raw(
        `begin; select set_config('role', 'kap_app', true), set_config('kap.workspace_id', '${workspaceId}', true)`,
      )
      .execute(connection);
    try {
      // The connection is inside the transaction just begun; services only run queries on it.
      const result = await work(connection as unknown as TTrx);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
