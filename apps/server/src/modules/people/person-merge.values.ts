import type { TPerson } from '@kap/shared';
import { pickCustomFields, pickSingle, pickUnion } from '../merges/index.ts';

/** Fields a merge request may choose a record for (`fieldChoices`), besides `customFields.<key>`. */
export const PERSON_MERGE_FIELDS = new Set([
  'firstName',
  'lastName',
  'displayName',
  'birthDate',
  'gender',
  'preferredLanguage',
  'preferredChannel',
  'timezone',
  'jobTitle',
  'lifecycleStage',
  'leadSource',
  'ownerId',
  'primaryCompanyId',
  'emails',
  'phones',
  'addresses',
  'tags',
  'interests',
  'externalIds',
  'companyIds',
  'preferences',
]);

/** The first item marked primary stays so (the survivor's comes first); else the first item. */
function withOnePrimary<T extends { isPrimary: boolean }>(items: T[]): T[] {
  const primaryIndex = Math.max(
    0,
    items.findIndex((item) => item.isPrimary),
  );
  return items.map((item, index) => ({ ...item, isPrimary: index === primaryIndex }));
}

const same = (value: string) => value;

/**
 * The survivor's values after the merge. `records` is the survivor first, then the merged
 * people; `choices` maps a field to the record whose value wins.
 */
export function mergePersonValues(records: readonly TPerson[], choices: Readonly<Record<string, string>>) {
  const single = <K extends keyof TPerson>(field: K) =>
    pickSingle(records, choices[field], (p) => p[field]) ?? null;
  const companyIds = pickUnion(records, choices.companyIds, (p) => p.companyIds, same);
  const chosenPrimary = single('primaryCompanyId');
  const preferencesSource = choices.preferences
    ? records.filter((p) => p.id === choices.preferences)
    : [...records].reverse();
  return {
    firstName: single('firstName'),
    lastName: single('lastName'),
    // The stored display name is only a name someone chose; the survivor keeps its choice.
    birthDate: single('birthDate'),
    gender: single('gender'),
    preferredLanguage: single('preferredLanguage'),
    preferredChannel: single('preferredChannel'),
    timezone: single('timezone'),
    jobTitle: single('jobTitle'),
    lifecycleStage: single('lifecycleStage'),
    leadSource: single('leadSource'),
    ownerId: single('ownerId'),
    emails: withOnePrimary(
      pickUnion(
        records,
        choices.emails,
        (p) => p.emails,
        (e) => e.email.toLowerCase(),
      ),
    ),
    phones: withOnePrimary(
      pickUnion(
        records,
        choices.phones,
        (p) => p.phones,
        (p) => p.number,
      ),
    ),
    addresses: pickUnion(
      records,
      choices.addresses,
      (p) => p.addresses,
      ({ label: _label, ...parts }) => JSON.stringify(parts),
    ),
    tags: pickUnion(records, choices.tags, (p) => p.tags, same),
    interests: pickUnion(records, choices.interests, (p) => p.interests, same),
    externalIds: pickUnion(
      records,
      choices.externalIds,
      (p) => p.externalIds,
      (x) => `${x.source}\u0000${x.id}`,
    ),
    companyLinks: {
      companyIds,
      primaryCompanyId:
        chosenPrimary && companyIds.includes(chosenPrimary) ? chosenPrimary : (companyIds[0] ?? null),
    },
    // Survivor's keys win over the merged records' (later spreads overwrite earlier ones).
    preferences: Object.assign({}, ...preferencesSource.map((p) => p.preferences)) as TPerson['preferences'],
    customFields: pickCustomFields(records, choices),
  };
}
