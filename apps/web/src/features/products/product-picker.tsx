import type { TProduct } from '@kap/shared';
import { type MantineSize, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../lib/use-money.ts';
import { listProducts } from './products-api.ts';

type TProps = {
  value: string | null;
  /** The chosen product's name, shown while its option is not loaded (a saved line's product). */
  valueName: string | null;
  onChange: (product: TProduct | null) => void;
  /** A visible label; without one the field is still named for screen readers. */
  label?: string;
  disabled?: boolean;
  error?: string | undefined;
  testId?: string;
  size?: MantineSize;
};

/** Pick an active product by name or SKU (server search); its option reads "name · SKU · price". */
export function ProductPicker({ value, valueName, onChange, label, disabled, error, testId, size }: TProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const labelOf = (product: TProduct) =>
    `${product.name} · ${product.sku} · ${money(product.price, product.currency)}`;
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [q, setQ] = useState('');
  // The product chosen here: its option keeps its full label when a search leaves it out.
  const [picked, setPicked] = useState<TProduct | null>(null);
  const products = useQuery({
    queryKey: ['products', 'picker', q],
    queryFn: ({ signal }) => listProducts({ q: q || undefined, isActive: true }, undefined, signal),
    enabled: !disabled,
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
  const found = products.data?.data ?? [];
  const chosen = found.find((p) => p.id === value) ?? (picked && picked.id === value ? picked : null);
  const chosenLabel = chosen ? labelOf(chosen) : (valueName ?? '…');
  // Mantine writes the chosen option's label into the search box: that is not a search.
  const wanted = debounced === chosenLabel || debounced === valueName ? '' : debounced.trim();
  useEffect(() => setQ(wanted), [wanted]);
  const options = found.map((p) => ({ value: p.id, label: labelOf(p) }));
  // The chosen product stays selectable when the results leave it out.
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: chosenLabel });
  return (
    <Select
      label={label}
      aria-label={label ? undefined : t('orders.editor.product')}
      placeholder={t('orders.editor.productPlaceholder')}
      nothingFoundMessage={t('orders.editor.noProducts')}
      data={options}
      value={value}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onChange={(id) => {
        const product = id ? (found.find((p) => p.id === id) ?? (chosen?.id === id ? chosen : null)) : null;
        setPicked(product);
        onChange(product);
      }}
      disabled={disabled}
      error={error}
      size={size}
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
