import type { TCompany, TCustomField, TPerson } from '@kap/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../members/use-members.ts';
import { personDisplayName, primaryOf } from '../people/person-name.ts';
import { mergeCompanies, mergePeople } from './c360-api.ts';
import { formatCustomValue } from './custom-field-input.tsx';
import { useCompanyNames } from './person-profile-card.tsx';
import { RecordMergeDialog, type TMergeKind } from './record-merge-dialog.tsx';
import { useCustomFields, useLifecycleStages } from './use-c360.ts';

/** Person fields the user picks a surviving value for; lists (emails, tags...) are combined by the server. */
const PERSON_FIELDS = [
  'firstName',
  'lastName',
  'displayName',
  'jobTitle',
  'lifecycleStage',
  'leadSource',
  'birthDate',
  'gender',
  'preferredLanguage',
  'preferredChannel',
  'timezone',
  'ownerId',
] as const;

const COMPANY_FIELDS = ['name', 'industry', 'size', 'annualRevenue', 'parentCompanyId', 'ownerId'] as const;

const text = (value: unknown) => (value === null || value === undefined || value === '' ? '' : String(value));

function customText(
  fields: TCustomField[],
  record: { customFields: Record<string, unknown> },
  id: string,
  t: TFunction,
) {
  const key = id.slice('customFields.'.length);
  const field = fields.find((f) => f.key === key);
  const value = record.customFields[key];
  if (!field) return typeof value === 'object' && value !== null ? JSON.stringify(value) : text(value);
  return formatCustomValue(field, value, t('c360.yes'), t('c360.no'));
}

/** How many of `incoming` the survivor does not have yet (emails, domains and tags ignore case). */
function countNew(incoming: string[], existing: string[]): number {
  const fold = (value: string) =>
    value
      .trim()
      .toLowerCase()
      .replace(/[\s()-]/g, '');
  const known = new Set(existing.map(fold));
  return new Set(incoming.map(fold).filter((value) => !known.has(value))).size;
}

type TProps<T> = { opened: boolean; onClose: () => void; survivor: T; others: T[] };

export function MergeDialog({ opened, onClose, survivor, others }: TProps<TPerson>) {
  const { t } = useTranslation();
  const customFields = useCustomFields('person').data?.data ?? [];
  const stages = useLifecycleStages().data?.stages ?? [];
  const { members } = useMembers();
  const kind: TMergeKind<TPerson> = {
    fields: PERSON_FIELDS.map((id) => ({ id, label: t(`c360.mergeField.${id}`) })),
    display: (p, field) => {
      if (field.startsWith('customFields.')) return customText(customFields, p, field, t);
      const raw = text(p[field as (typeof PERSON_FIELDS)[number]]);
      if (field === 'lifecycleStage') return stages.find((s) => s.key === raw)?.label ?? raw;
      if (field === 'ownerId') return members.find((m) => m.userId === raw)?.name ?? raw;
      return raw;
    },
    titleOf: (p) => personDisplayName(p, t),
    subtitleOf: (p) => primaryOf(p.emails)?.email ?? '',
    movedLines: (merged, kept) => [
      t('c360.merge.movesActivities'),
      t('c360.merge.movesTasks'),
      t('c360.merge.movesLists', {
        emails: countNew(
          merged.flatMap((p) => p.emails.map((e) => e.email)),
          kept?.emails.map((e) => e.email) ?? [],
        ),
        phones: countNew(
          merged.flatMap((p) => p.phones.map((n) => n.number)),
          kept?.phones.map((n) => n.number) ?? [],
        ),
        tags: countNew(
          merged.flatMap((p) => p.tags),
          kept?.tags ?? [],
        ),
      }),
    ],
    customFields,
    text: {
      title: t('c360.merge.title'),
      intro: t('c360.merge.intro'),
      confirm: (n) => t('c360.merge.confirm', { n }),
    },
    merge: async (body) => {
      const result = await mergePeople(body);
      return { survivorId: result.person.id, name: personDisplayName(result.person, t) };
    },
    invalidates: [['people'], ['duplicates'], ['record-name']],
    hrefOf: (id) => `/contacts/${id}`,
  };
  return <RecordMergeDialog opened={opened} onClose={onClose} records={[survivor, ...others]} kind={kind} />;
}

export function CompanyMergeDialog({ opened, onClose, survivor, others }: TProps<TCompany>) {
  const { t } = useTranslation();
  const customFields = useCustomFields('company').data?.data ?? [];
  const { members } = useMembers();
  const records = [survivor, ...others];
  const parentIds = [...new Set(records.flatMap((c) => (c.parentCompanyId ? [c.parentCompanyId] : [])))];
  const parentNames = useCompanyNames(parentIds).data ?? {};
  const labels: Record<(typeof COMPANY_FIELDS)[number], string> = {
    name: t('fields.name'),
    industry: t('c360.company.industry'),
    size: t('c360.company.size'),
    annualRevenue: t('c360.company.revenue'),
    parentCompanyId: t('c360.company.parent'),
    ownerId: t('fields.owner'),
  };
  const kind: TMergeKind<TCompany> = {
    fields: COMPANY_FIELDS.map((id) => ({ id, label: labels[id] })),
    display: (c, field) => {
      if (field.startsWith('customFields.')) return customText(customFields, c, field, t);
      switch (field) {
        case 'annualRevenue':
          return c.annualRevenue ? `${c.annualRevenue} ${c.currency ?? ''}`.trim() : '';
        case 'parentCompanyId':
          return c.parentCompanyId ? (parentNames[c.parentCompanyId] ?? c.parentCompanyId) : '';
        case 'ownerId':
          return c.ownerId ? (members.find((m) => m.userId === c.ownerId)?.name ?? c.ownerId) : '';
        default:
          return text(c[field as 'name' | 'industry' | 'size']);
      }
    },
    titleOf: (c) => c.name,
    subtitleOf: (c) => c.domains[0] ?? '',
    movedLines: (merged, kept) => [
      t('c360.records.movesCompanyLinks'),
      t('c360.records.movesCompanyLists', {
        domains: countNew(
          merged.flatMap((c) => c.domains),
          kept?.domains ?? [],
        ),
        tags: countNew(
          merged.flatMap((c) => c.tags),
          kept?.tags ?? [],
        ),
      }),
    ],
    customFields,
    text: {
      title: t('c360.records.mergeCompaniesTitle'),
      intro: t('c360.records.mergeCompaniesIntro'),
      confirm: (n) => t('c360.records.mergeCompaniesConfirm', { n }),
    },
    merge: async (body) => {
      const result = await mergeCompanies(body);
      return { survivorId: result.company.id, name: result.company.name };
    },
    invalidates: [['companies'], ['company-duplicates'], ['record-name']],
    hrefOf: (id) => `/companies/${id}`,
  };
  return <RecordMergeDialog opened={opened} onClose={onClose} records={records} kind={kind} />;
}
