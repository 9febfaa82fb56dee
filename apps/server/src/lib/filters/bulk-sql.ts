import { type RawBuilder, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor } from '../actor.ts';

/** The record tables bulk actions run on: a whitelist, so table names never come from input. */
export type TBulkTable = 'people' | 'companies';

export type TBulkTarget = {
  table: TBulkTable;
  recordType: 'person' | 'company';
  /** Given ids (already checked to be uuids), or a compiled filter. */
  ids?: readonly string[] | undefined;
  where?: RawBuilder<boolean> | undefined;
  /** With `where`: the list's search text condition (the module's own, as its list applies it). */
  search?: RawBuilder<boolean> | undefined;
  /** Record scope: only records these users own; null: every record. */
  ownerIds: readonly string[] | null;
};

export type TBulkChange =
  | { kind: 'addTag'; tag: string }
  | { kind: 'removeTag'; tag: string }
  | {
      kind: 'setColumn';
      column: 'owner_id' | 'lifecycle_stage';
      field: 'ownerId' | 'lifecycleStage';
      value: string | null;
      cast: 'uuid' | 'text';
    };

// UUIDv7 in SQL (PostgreSQL 15 has no uuidv7()): audit ids stay time-ordered like `newId()`'s.
const AUDIT_ID = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

function targetCondition(target: TBulkTarget, workspaceId: string): RawBuilder<boolean> {
  const r = sql.table(target.table);
  const parts: RawBuilder<boolean>[] = [sql<boolean>`${r}.workspace_id = ${workspaceId}::uuid`];
  if (target.ids) parts.push(sql<boolean>`${r}.id = any(${[...target.ids]}::uuid[])`);
  if (target.where) parts.push(target.where);
  if (target.search) parts.push(target.search);
  if (target.ownerIds) parts.push(sql<boolean>`${r}.owner_id = any(${[...target.ownerIds]}::uuid[])`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/** Only rows the change alters: a tag already there (or absent) is not a change, nor is the same owner. */
function changeSql(change: TBulkChange, r: ReturnType<typeof sql.table>) {
  switch (change.kind) {
    case 'addTag':
      return {
        field: 'tags',
        column: sql.ref('tags'),
        set: sql`tags = array_append(${r}.tags, ${change.tag}::text)`,
        needed: sql<boolean>`not (${r}.tags @> array[${change.tag}::text])`,
      };
    case 'removeTag':
      return {
        field: 'tags',
        column: sql.ref('tags'),
        set: sql`tags = array_remove(${r}.tags, ${change.tag}::text)`,
        needed: sql<boolean>`${r}.tags @> array[${change.tag}::text]`,
      };
    default: {
      const value = sql`${change.value}::${sql.raw(change.cast)}`;
      return {
        field: change.field,
        column: sql.ref(change.column),
        set: sql`${sql.ref(change.column)} = ${value}`,
        needed: sql<boolean>`${r}.${sql.ref(change.column)} is distinct from ${value}`,
      };
    }
  }
}

const auditColumns = sql`(workspace_id, id, actor_type, actor_id, actor_name, action, record_type, record_id, before, after, request_id)`;

/**
 * One set-based statement: lock the targeted rows, change them, bump `version` and write one
 * audit entry per changed record (only the changed field, as a diff), all in the request's
 * transaction. 100k rows are one UPDATE and one INSERT … SELECT, not 100k round trips.
 */
export async function runBulkUpdate(
  trx: TTrx,
  actor: TActor,
  target: TBulkTarget,
  change: TBulkChange,
): Promise<number> {
  const table = sql.table(target.table);
  const r = sql.table(target.table);
  const c = changeSql(change, r);
  const action = `${target.recordType}.update`;
  const result = await sql<{ affected: number }>`
    with target as (
      select ${r}.id, to_jsonb(${r}.${c.column}) as before_value
        from ${table}
       where ${targetCondition(target, actor.workspaceId)} and ${c.needed}
       for update
    ), changed as (
      update ${table} set ${c.set}, version = ${r}.version + 1, updated_at = now(), updated_by = ${actorId(actor)}
        from target t
       where ${r}.workspace_id = ${actor.workspaceId}::uuid and ${r}.id = t.id
      returning ${r}.id, t.before_value, to_jsonb(${r}.${c.column}) as after_value
    ), audit as (
      insert into audit_log ${auditColumns}
      select ${actor.workspaceId}::uuid, ${AUDIT_ID}, ${actor.type}, ${actorId(actor)}, ${actor.name}, ${action},
             ${target.recordType}, changed.id::text,
             jsonb_build_object(${c.field}::text, changed.before_value),
             jsonb_build_object(${c.field}::text, changed.after_value), ${actor.requestId}
        from changed
    )
    select count(*)::int as affected from changed`.execute(trx);
  return result.rows[0]?.affected ?? 0;
}

/**
 * Deletes the targeted rows; what hangs off them goes by foreign key (people: identifiers and
 * company links; companies: people's links, subsidiaries' parent). Each gets a delete entry with
 * the row as it was (`snapshot`: a jsonb_build_object over the table's columns).
 */
export async function runBulkDelete(
  trx: TTrx,
  actor: TActor,
  target: TBulkTarget,
  snapshot: RawBuilder<unknown>,
): Promise<number> {
  const table = sql.table(target.table);
  const r = table;
  const result = await sql<{ affected: number }>`
    with deleted as (
      delete from ${table} where ${targetCondition(target, actor.workspaceId)}
      returning ${r}.id, ${snapshot} as before_value
    ), audit as (
      insert into audit_log ${auditColumns}
      select ${actor.workspaceId}::uuid, ${AUDIT_ID}, ${actor.type}, ${actorId(actor)}, ${actor.name},
             ${`${target.recordType}.delete`}, ${target.recordType}, deleted.id::text, deleted.before_value, null,
             ${actor.requestId}
        from deleted
    )
    select count(*)::int as affected from deleted`.execute(trx);
  return result.rows[0]?.affected ?? 0;
}
