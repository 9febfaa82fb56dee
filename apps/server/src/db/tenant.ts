import { sql, type Transaction } from 'kysely';
import type { TDatabase } from './database.ts';
import type { TDb } from './pool.ts';

export type TTrx = Transaction<TDatabase>;

/**
 * Runs `work` in one transaction as the `kap_app` role with the workspace set, so PostgreSQL's
 * row-level security policies hide every other workspace's rows: a second wall behind the
 * `workspace_id` condition each query carries. Everything in it commits or nothing does.
 */
export function withWorkspace<T>(db: TDb, workspaceId: string, work: (trx: TTrx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('role', 'kap_app', true), set_config('kap.workspace_id', ${workspaceId}, true)`.execute(
      trx,
    );
    return work(trx);
  });
}
