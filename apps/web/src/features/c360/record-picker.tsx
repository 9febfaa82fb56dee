import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchRecords, type TRecordObjectType } from './c360-api.ts';
import { useRecordName } from './record-name.tsx';

type TProps = {
  type: TRecordObjectType;
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
  error?: string;
  size?: 'xs' | 'sm';
  w?: number;
  testId?: string;
};

/** Pick one person or company by name (global search), showing the chosen record's name. */
export function RecordPicker({ type, value, onChange, label, error, size, w, testId }: TProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const selectedName = useRecordName(type, value).data;
  const query = useQuery({
    queryKey: ['record-picker', type, debounced],
    queryFn: ({ signal }) => searchRecords(debounced, [type], signal),
    enabled: debounced.length > 0,
    staleTime: 30_000,
  });
  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (value) options.set(value, selectedName || '…');
    for (const hit of query.data?.data ?? []) {
      if (hit.type === type) options.set(hit.id, hit.subtitle ? `${hit.title} · ${hit.subtitle}` : hit.title);
    }
    return [...options].map(([id, name]) => ({ value: id, label: name }));
  }, [query.data, value, selectedName, type]);
  return (
    <Select
      label={label}
      error={error}
      size={size}
      w={w}
      miw={w ? undefined : 180}
      searchable
      clearable
      placeholder={t('c360.records.searchByName')}
      aria-label={label ?? t('c360.records.searchByName')}
      nothingFoundMessage={debounced ? t('c360.records.nothingFound') : undefined}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data-testid={testId}
    />
  );
}
