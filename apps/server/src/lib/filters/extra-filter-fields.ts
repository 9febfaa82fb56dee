import type { RawBuilder } from 'kysely';
import type { TFilterField } from './filter-field.types.ts';

/** Record types whose lists take contributed fields. */
export type TExtraFieldTarget = 'person' | 'company';

/**
 * Builds a module's fields for one list query. `recordId` is the listed record's id column
 * (`people.id`); `workspaceId` the actor's workspace, to be bound into the field's subquery so it
 * stays on the module's (workspace_id, …) index.
 */
export type TExtraFieldsProvider = (context: {
  workspaceId: string;
  recordId: RawBuilder<unknown>;
}) => Record<string, TFilterField>;

const providers = new Map<TExtraFieldTarget, Map<string, TExtraFieldsProvider>>();

/**
 * Lets a module add filter and sort fields to the people or company list without the list knowing
 * it (orders add `lifetimeRevenue`, `lastPurchaseAt`…). Field expressions read the module's own
 * table, typically as a scalar subquery keyed by `recordId`; names must not clash with standard ones
 * (standard fields win). Registering `name` again replaces it.
 */
export function registerExtraFilterFields(
  target: TExtraFieldTarget,
  name: string,
  provider: TExtraFieldsProvider,
): void {
  const forTarget = providers.get(target) ?? new Map<string, TExtraFieldsProvider>();
  forTarget.set(name, provider);
  providers.set(target, forTarget);
}

/** Every contributed field of `target` for one query. */
export function loadExtraFilterFields(
  target: TExtraFieldTarget,
  workspaceId: string,
  recordId: RawBuilder<unknown>,
): Map<string, TFilterField> {
  const fields = new Map<string, TFilterField>();
  for (const provider of providers.get(target)?.values() ?? []) {
    for (const [name, field] of Object.entries(provider({ workspaceId, recordId }))) fields.set(name, field);
  }
  return fields;
}
