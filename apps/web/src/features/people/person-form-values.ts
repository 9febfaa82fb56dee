import type { TPerson } from '@kap/shared';
import {
  externalIdRowsOf,
  externalIdsOfRows,
  type TExternalIdRow,
} from '../../components/external-ids-editor.tsx';

export type TContactPointKind = 'emails' | 'phones';
export type TContactPointRow = { key: string; value: string; label: string; isPrimary: boolean };

export type TPersonFormValues = {
  firstName: string;
  lastName: string;
  emails: TContactPointRow[];
  phones: TContactPointRow[];
  externalIds: TExternalIdRow[];
  ownerId: string | null;
};

export type TKnownLabel = 'work' | 'personal' | 'home' | 'mobile' | 'other';

export const LABELS: Record<TContactPointKind, readonly TKnownLabel[]> = {
  emails: ['work', 'personal', 'other'],
  phones: ['mobile', 'work', 'home', 'other'],
};

export function newRow(kind: TContactPointKind, isPrimary: boolean): TContactPointRow {
  return { key: crypto.randomUUID(), value: '', label: LABELS[kind][0] ?? 'other', isPrimary };
}

export function emptyPersonValues(ownerId: string | null): TPersonFormValues {
  return {
    firstName: '',
    lastName: '',
    emails: [newRow('emails', true)],
    phones: [newRow('phones', true)],
    externalIds: [],
    ownerId,
  };
}

export function personToValues(person: TPerson): TPersonFormValues {
  const emails = person.emails.map((e) => ({
    key: crypto.randomUUID(),
    value: e.email,
    label: e.label,
    isPrimary: e.isPrimary,
  }));
  const phones = person.phones.map((p) => ({
    key: crypto.randomUUID(),
    value: p.number,
    label: p.label,
    isPrimary: p.isPrimary,
  }));
  return {
    firstName: person.firstName ?? '',
    lastName: person.lastName ?? '',
    emails: emails.length > 0 ? emails : [newRow('emails', true)],
    phones: phones.length > 0 ? phones : [newRow('phones', true)],
    externalIds: externalIdRowsOf(person.externalIds),
    ownerId: person.ownerId,
  };
}

type TKept = { rows: TContactPointRow[]; originalIndex: number[] };

/** Blank rows are dropped; exactly one kept row ends up primary. */
function keepFilled(rows: TContactPointRow[]): TKept {
  const originalIndex: number[] = [];
  const kept: TContactPointRow[] = [];
  rows.forEach((row, index) => {
    if (row.value.trim() === '') return;
    kept.push(row);
    originalIndex.push(index);
  });
  const primaryAt = Math.max(
    0,
    kept.findIndex((row) => row.isPrimary),
  );
  return { rows: kept.map((row, index) => ({ ...row, isPrimary: index === primaryAt })), originalIndex };
}

/** Turns form values into the API body, and remembers where each sent row sits in the form. */
export function valuesToRequest(values: TPersonFormValues) {
  const emails = keepFilled(values.emails);
  const phones = keepFilled(values.phones);
  const externalIds = externalIdsOfRows(values.externalIds);
  const body = {
    firstName: values.firstName.trim() || null,
    lastName: values.lastName.trim() || null,
    emails: emails.rows.map((row) => ({
      email: row.value.trim(),
      label: row.label,
      isPrimary: row.isPrimary,
    })),
    phones: phones.rows.map((row) => ({
      number: row.value.trim(),
      label: row.label,
      isPrimary: row.isPrimary,
    })),
    externalIds: externalIds.externalIds,
    ownerId: values.ownerId,
  };
  /** Maps `emails.<sent index>.email` back to `emails.<form row index>.email` (external ids likewise). */
  const toFormPath = (path: string): string =>
    externalIds.toRowPath(path).replace(/^(emails|phones)\.(\d+)/, (match, kind: string, index: string) => {
      const map = kind === 'emails' ? emails.originalIndex : phones.originalIndex;
      const original = map[Number(index)];
      return original === undefined ? match : `${kind}.${original}`;
    });
  return { body, toFormPath };
}

const KNOWN_LABELS: readonly TKnownLabel[] = ['work', 'personal', 'home', 'mobile', 'other'];

export function isKnownLabel(value: string): value is TKnownLabel {
  return KNOWN_LABELS.some((label) => label === value);
}
