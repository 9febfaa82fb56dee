import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { listCompanies } from './c360-api.ts';

function useCompanyOptions(search: string, selectedIds: string[], known: Record<string, string>) {
  const [debounced] = useDebouncedValue(search, 200);
  const query = useQuery({
    queryKey: ['companies', 'picker', debounced],
    queryFn: () => listCompanies({ q: debounced || undefined, limit: 30 }),
    staleTime: 30_000,
  });
  return useMemo(() => {
    const map = new Map<string, string>();
    for (const id of selectedIds) map.set(id, known[id] ?? id);
    for (const company of query.data?.data ?? []) map.set(company.id, company.name);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [query.data, selectedIds, known]);
}

type TMultiProps = {
  label: string;
  value: string[];
  names: Record<string, string>;
  onChange: (ids: string[]) => void;
  testId?: string;
};

export function CompanyMultiPicker({ label, value, names, onChange, testId }: TMultiProps) {
  const [search, setSearch] = useState('');
  const data = useCompanyOptions(search, value, names);
  return (
    <MultiSelect
      label={label}
      searchable
      clearable
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

type TSingleProps = {
  label: string;
  value: string | null;
  names: Record<string, string>;
  onChange: (id: string | null) => void;
  excludeId?: string;
  testId?: string;
};

export function CompanyPicker({ label, value, names, onChange, excludeId, testId }: TSingleProps) {
  const [search, setSearch] = useState('');
  const data = useCompanyOptions(search, value ? [value] : [], names).filter((o) => o.value !== excludeId);
  return (
    <Select
      label={label}
      searchable
      clearable
      data={data}
      value={value}
      onChange={onChange}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data-testid={testId}
    />
  );
}
