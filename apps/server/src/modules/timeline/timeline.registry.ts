import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import type { TTimelineRecord, TTimelineRecordType, TTimelineSource } from './timeline.types.ts';

// Process-wide: modules register when their routes are registered. Registering a kind or type
// again (a second app in the same process, as tests build) replaces the first.
const sources = new Map<string, TTimelineSource>();
const recordTypes = new Map<string, TTimelineRecordType>();

/** Puts a module's items on every timeline; the timeline module needs no edit for a new kind. */
export function registerTimelineSource<TRow>(source: TTimelineSource<TRow>): void {
  // Each source's rows reach only its own toItem (the union tags them with the kind).
  sources.set(source.kind, source as TTimelineSource<unknown> as TTimelineSource);
}

export function listTimelineSources(): TTimelineSource[] {
  return [...sources.values()];
}

export function addTimelineRecordType(recordType: TTimelineRecordType): void {
  recordTypes.set(recordType.type, recordType);
}

export function findTimelineRecordType(type: string): TTimelineRecordType | undefined {
  return recordTypes.get(type);
}

/** NOT_FOUND unless the record exists and `actor` may see it; FORBIDDEN if the role reads no such records. */
export async function assertRecordVisible(trx: TTrx, actor: TActor, record: TTimelineRecord): Promise<void> {
  const recordType = recordTypes.get(record.type);
  if (!recordType) throw notFound('Record');
  assertCanRead(actor, recordType.objectType);
  const id = record.id.toLowerCase();
  const visible = isUuid(id) ? await recordType.findVisibleIds(trx, actor, [id]) : new Set<string>();
  if (!visible.has(id)) throw notFound(record.type.charAt(0).toUpperCase() + record.type.slice(1));
}
