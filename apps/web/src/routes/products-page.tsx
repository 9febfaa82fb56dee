import type { TProduct } from '@kap/shared';
import {
  Badge,
  Button,
  Card,
  Center,
  EmptyState,
  Group,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPackage, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { ProductFormModal } from '../features/products/product-form-modal.tsx';
import { listProductCategories, listProducts } from '../features/products/products-api.ts';
import { useMoney } from '../lib/use-money.ts';

type TActiveFilter = 'all' | 'active' | 'inactive';

export function ProductsPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const permissions = usePermissions();
  const canWrite = permissions.canWrite('products');
  const [params] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [category, setCategory] = useState<string | null>(null);
  const [active, setActive] = useState<TActiveFilter>('all');
  const [editing, setEditing] = useState<TProduct | 'new' | null>(null);
  const categories = useQuery({ queryKey: ['products', 'categories'], queryFn: listProductCategories });
  const filters = {
    q: q || undefined,
    category: category ?? undefined,
    isActive: active === 'all' ? undefined : active === 'active',
  };
  const query = useInfiniteQuery({
    queryKey: ['products', 'list', filters],
    queryFn: ({ pageParam, signal }) => listProducts(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const products = query.data?.pages.flatMap((p) => p.data) ?? [];

  let content: ReactNode;
  if (query.isPending) content = <Skeleton h={200} />;
  else if (query.isError && products.length === 0)
    content = (
      <ErrorState error={query.error} title={t('products.loadFailed')} onRetry={() => void query.refetch()} />
    );
  else if (products.length === 0)
    content = (
      <EmptyState
        icon={<IconPackage size={28} />}
        title={q || category || active !== 'all' ? t('products.noMatches') : t('products.emptyTitle')}
        description={q ? '' : t('products.emptyDescription')}
        py="xl"
        data-testid="products-empty"
      />
    );
  else
    content = (
      <Card p={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="products-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('products.fields.sku')}</Table.Th>
                <Table.Th>{t('products.fields.name')}</Table.Th>
                <Table.Th>{t('products.fields.category')}</Table.Th>
                <Table.Th ta="right">{t('products.fields.price')}</Table.Th>
                <Table.Th>{t('products.fields.isActive')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.map((product) => (
                <Table.Tr
                  key={product.id}
                  data-testid="product-row"
                  style={{ cursor: canWrite ? 'pointer' : undefined }}
                  onClick={canWrite ? () => setEditing(product) : undefined}
                >
                  <Table.Td ff="monospace" fz="sm">
                    {product.sku}
                  </Table.Td>
                  <Table.Td fw={500}>{product.name}</Table.Td>
                  <Table.Td>{product.category ?? ''}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(product.price, product.currency)}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={product.isActive ? 'teal' : 'gray'} radius="sm" tt="none">
                      {product.isActive ? t('products.active') : t('products.inactive')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {query.hasNextPage && (
          <Center p="sm">
            <Button
              variant="subtle"
              loading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('common.loadMore')}
            </Button>
          </Center>
        )}
      </Card>
    );

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('nav.products')}
        description={t('products.description')}
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing('new')}
              data-testid="create-product-button"
            >
              {t('products.new')}
            </Button>
          )
        }
      />
      <Group gap="sm" wrap="wrap">
        <TextInput
          miw={240}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          placeholder={t('products.searchPlaceholder')}
          aria-label={t('products.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          data-testid="products-search"
        />
        <Select
          placeholder={t('products.allCategories')}
          aria-label={t('products.fields.category')}
          data={categories.data?.data ?? []}
          value={category}
          onChange={setCategory}
          clearable
          searchable
          w={200}
        />
        <SegmentedControl
          value={active}
          onChange={(value) => setActive(value as TActiveFilter)}
          data={[
            { value: 'all', label: t('products.all') },
            { value: 'active', label: t('products.active') },
            { value: 'inactive', label: t('products.inactive') },
          ]}
        />
        {products.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('products.count', { count: products.length })}
            {query.hasNextPage ? '+' : ''}
          </Text>
        )}
      </Group>
      {content}
      {editing && (
        <ProductFormModal
          product={editing === 'new' ? undefined : editing}
          categories={categories.data?.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
