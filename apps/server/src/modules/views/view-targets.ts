import type { TViewObjectType } from '@kap/shared';
import type { RawBuilder } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { AppError } from '../../lib/errors.ts';
import {
  compileFilter,
  type TFieldLookup,
  type TNullableSort,
  toNullableSort,
} from '../../lib/filters/index.ts';

/**
 * What views need from a record list, registered by the people and companies modules from their
 * `index.ts` (as custom fields do), so this module imports neither and there is no import cycle.
 */
export type TViewTarget = {
  loadFields: (trx: TTrx, workspaceId: string) => Promise<TFieldLookup>;
  /** Sorts with their own index and never-null values, which keep the list's original cursor. */
  isIndexedSort: (field: string) => boolean;
  defaultSort: string;
};

const targets = new Map<TViewObjectType, TViewTarget>();

export function registerViewTarget(objectType: TViewObjectType, target: TViewTarget): void {
  targets.set(objectType, target);
}

export function getViewTarget(objectType: TViewObjectType): TViewTarget {
  const target = targets.get(objectType);
  if (!target) throw new Error(`No list registered for ${objectType}`);
  return target;
}

/** A sort text as the list runs it: the name of an indexed sort, or a nullable sort expression. */
export function resolveSort(
  target: TViewTarget,
  fields: TFieldLookup | null,
  sort: string,
  path: string,
): string | TNullableSort {
  const isDescending = sort.startsWith('-');
  const name = isDescending ? sort.slice(1) : sort;
  if (target.isIndexedSort(name)) return sort;
  const field = fields?.(name);
  if (!field) {
    throw new AppError('VALIDATION_FAILED', `Invalid ${path}: unknown field "${name}"`, [
      { path, message: `Unknown field "${name}"` },
    ]);
  }
  return toNullableSort(field, isDescending, path);
}

/** Checks a view's filter and sort before it is saved (400 at `filter…` / `sort`). */
export async function assertViewCriteria(
  trx: TTrx,
  workspaceId: string,
  objectType: TViewObjectType,
  filter: unknown,
  sort: string | null,
): Promise<RawBuilder<boolean> | null> {
  const target = getViewTarget(objectType);
  const fields = await target.loadFields(trx, workspaceId);
  if (sort) resolveSort(target, fields, sort, 'sort');
  return filter === null || filter === undefined ? null : compileFilter(filter, fields, 'filter');
}
