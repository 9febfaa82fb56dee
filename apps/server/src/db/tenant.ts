import { type Compilable, CompiledQuery, sql, type Transaction } from 'kysely';
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

/**
 * `withWorkspace` for a request whose workspace comes from its credential. `identify` is a
 * parameterless select of the credential's row (values inlined as checked literals) with the
 * workspace as `workspace_id`; it runs as the system role in the same round trip as `BEGIN`, and
 * the same statement sets the workspace and the `kap_app` role for everything after it. `accept`
 * turns the row (none when the credential is unknown) into the caller, or throws, which rolls back.
 *
 * `isReadOnly` begins a READ ONLY transaction (PostgreSQL refuses any write in it) and answers as
 * soon as `work` is done: the COMMIT of a transaction that cannot have written anything changes
 * nothing the answer says, so it completes after the answer, before the connection goes back to
 * the pool.
 */
export function withIdentifiedWorkspace<TCaller, T>(
  db: TDb,
  identify: Compilable<object>,
  accept: (row: object | undefined) => TCaller,
  work: (trx: TTrx, caller: TCaller) => Promise<T>,
  options: { isReadOnly?: boolean } = {},
): Promise<T> {
  const select = identify.compile();
  if (select.parameters.length > 0) throw new Error('The identifying select must have no parameters');
  const begin = options.isReadOnly ? 'begin read only' : 'begin';
  return new Promise<T>((resolve, reject) => {
    db.connection()
      .execute(async (connection) => {
        // The settings come last in the row: the credential's own columns are read before the role
        // changes. One row at most, so the workspace set is the one of the row `accept` gets.
        const { rows } = await connection.executeQuery(
          CompiledQuery.raw(
            `${begin}; select i.*, set_config('kap.workspace_id', i.workspace_id::text, true) as kap_workspace,
                set_config('role', 'kap_app', true) as kap_role from (${select.sql}) i limit 1`,
          ),
        );
        let result: T;
        try {
          result = await work(connection as unknown as TTrx, accept(rows[0] as object | undefined));
        } catch (error) {
          await sql`rollback`.execute(connection).catch(() => undefined);
          throw error;
        }
        if (options.isReadOnly) {
          resolve(result);
          await sql`commit`
            .execute(connection)
            .catch(() => sql`rollback`.execute(connection).catch(() => undefined));
        } else {
          await sql`commit`.execute(connection);
          resolve(result);
        }
      })
      .catch(reject);
  });
}
