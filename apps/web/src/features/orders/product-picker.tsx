import type { TProduct } from '@kap/shared';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listProducts } from '../products/products-api.ts';
import { useMoney } from './money.ts';

type TProps = {
  value: string | null;
  /** The chosen product's name while its option is not loaded (an existing line). */
  valueName: string | null;
  onChange: (product: TProduct | null) => void;
  error?: string | undefined;
  testId?: string;
};

/** Pick an active product by name or SKU (server search), showing its price. */
export function ProductPicker({ value, valueName, onChange, error, testId }: TProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const query = useQuery({
    queryKey: ['products', 'picker', debounced],
    queryFn: ({ signal }) => listProducts({ q: debounced || undefined, isActive: true }, undefined, signal),
    staleTime: 30_000,
  });
  const products = query.data?.data ?? [];
  const data = useMemo(() => {
    const options = new Map<string, string>();
    if (value) options.set(value, valueName ?? '…');
    for (const p of products) options.set(p.id, `${p.name} · ${p.sku} · ${money(p.price, p.currency)}`);
    return [...options].map(([id, label]) => ({ value: id, label }));
  }, [products, value, valueName, money]);
  return (
    <Select
      searchable
      clearable
      size="xs"
      placeholder={t('orders.editor.productPlaceholder')}
      aria-label={t('orders.editor.product')}
      nothingFoundMessage={t('orders.editor.noProducts')}
      data={data}
      value={value}
      onChange={(id) => onChange(id ? (products.find((p) => p.id === id) ?? null) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      error={error}
      data-testid={testId}
    />
  );
}
