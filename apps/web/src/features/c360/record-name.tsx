import type { TCustomField } from '@kap/shared';
import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getPerson } from '../people/people-api.ts';
import { personDisplayName } from '../people/person-name.ts';
import { getCompany, type TRecordObjectType } from './c360-api.ts';
import { formatCustomValue } from './custom-field-input.tsx';

export const recordHref = (type: TRecordObjectType, id: string) =>
  type === 'person' ? `/contacts/${id}` : `/companies/${id}`;

export const asRecordType = (value: unknown): TRecordObjectType | null =>
  value === 'person' || value === 'company' ? value : null;

/** The name of a person or company by id, cached; a record that is gone (or hidden) shows its id. */
export function useRecordName(type: TRecordObjectType | null, id: string | null) {
  const { t } = useTranslation();
  return useQuery({
    queryKey: ['record-name', type, id],
    queryFn: async ({ signal }) => {
      if (!type || !id) return '';
      try {
        return type === 'person'
          ? personDisplayName(await getPerson(id, signal), t)
          : (await getCompany(id)).name;
      } catch {
        return id;
      }
    },
    enabled: Boolean(type && id),
    staleTime: 5 * 60_000,
  });
}

/** A related record shown by name, linking to it. */
export function RecordName({ type, id }: { type: TRecordObjectType; id: string }) {
  const name = useRecordName(type, id).data;
  return (
    <Anchor component={Link} to={recordHref(type, id)} size="sm" data-testid="record-name">
      {name || '…'}
    </Anchor>
  );
}

/** A custom-field value for reading: relations by the related record's name, the rest as text. */
export function CustomFieldValue({ field, value }: { field: TCustomField; value: unknown }) {
  const { t } = useTranslation();
  const type = asRecordType(field.relation?.objectType);
  if (field.type === 'relation' && type && typeof value === 'string' && value) {
    return <RecordName type={type} id={value} />;
  }
  return <>{formatCustomValue(field, value, t('c360.yes'), t('c360.no'))}</>;
}
