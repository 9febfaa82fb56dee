import type { TCompany } from '@kap/shared';
import {
  Anchor,
  Avatar,
  Badge,
  Button,
  EmptyState,
  Group,
  Loader,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RecordTable, type TRecordColumn } from '../components/record-table.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { listCompanies, type TCompanySort } from '../features/c360/c360-api.ts';
import { CompanyFormModal } from '../features/c360/company-form-modal.tsx';
import { useFormat } from '../lib/use-format.ts';
import classes from './contacts-page.module.css';

const SORTS: TCompanySort[] = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'];

export function CompaniesPage() {
  const { t } = useTranslation();
  const { formatDate } = useFormat();
  const permissions = usePermissions();
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort') as TCompanySort | null;
  const sort: TCompanySort = sortParam && SORTS.includes(sortParam) ? sortParam : 'name';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [isCreateOpen, create] = useDisclosure(false);
  const canWrite = permissions.canWrite('companies');

  const query = useInfiniteQuery({
    queryKey: ['companies', 'list', q, sort],
    queryFn: ({ pageParam }) => listCompanies({ q: q || undefined, sort, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const companies = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const loadMore = useCallback(() => void query.fetchNextPage(), [query.fetchNextPage]);

  const columns = useMemo<TRecordColumn<TCompany>[]>(
    () => [
      {
        id: 'name',
        header: t('fields.name'),
        size: 30,
        cell: ({ row }) => (
          <Group gap="sm" wrap="nowrap">
            <Avatar size={30} radius="sm" color="initials" name={row.original.name} />
            <Anchor
              component={Link}
              to={`/companies/${row.original.id}`}
              fw={600}
              size="sm"
              c="dark"
              truncate
              onClick={(e) => e.stopPropagation()}
              data-testid="company-row-link"
            >
              {row.original.name}
            </Anchor>
          </Group>
        ),
      },
      {
        id: 'domains',
        header: t('c360.company.domains'),
        size: 22,
        isSortable: false,
        cell: ({ row }) => (
          <Text size="sm" truncate>
            {row.original.domains.join(', ')}
          </Text>
        ),
      },
      {
        id: 'industry',
        header: t('c360.company.industry'),
        size: 18,
        isSortable: false,
        cell: ({ row }) => (
          <Text size="sm" truncate>
            {row.original.industry ?? ''}
          </Text>
        ),
      },
      {
        id: 'size',
        header: t('c360.company.size'),
        size: 12,
        isSortable: false,
        cell: ({ row }) =>
          row.original.size ? (
            <Badge variant="light" color="gray" tt="none">
              {row.original.size}
            </Badge>
          ) : null,
      },
      {
        id: 'createdAt',
        header: t('fields.createdAt'),
        size: 12,
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.createdAt)}
          </Text>
        ),
      },
    ],
    [t, formatDate],
  );

  const setSort = (next: string) =>
    setParams(
      (current) => {
        const n = new URLSearchParams(current);
        if (next === 'name') n.delete('sort');
        else n.set('sort', next);
        return n;
      },
      { replace: true },
    );

  let content: ReactNode;
  if (query.isPending)
    content = (
      <Stack gap="xs" data-testid="companies-loading">
        {[1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} h={44} />
        ))}
      </Stack>
    );
  else if (query.isError && companies.length === 0)
    content = (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        title={t('c360.company.loadFailed')}
      />
    );
  else if (companies.length === 0)
    content = (
      <EmptyState
        data-testid="companies-empty"
        icon={<IconBuildingSkyscraper size={28} />}
        title={q ? t('c360.company.noMatches') : t('c360.company.emptyTitle')}
        description={q ? '' : t('c360.company.emptyDescription')}
        py="xl"
      >
        {canWrite && !q && (
          <EmptyState.Actions>
            <Button onClick={create.open} leftSection={<IconPlus size={16} />}>
              {t('c360.company.new')}
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  else
    content = (
      <RecordTable
        key={`${q}\n${sort}`}
        rows={companies}
        columns={columns}
        sort={sort}
        onSortChange={setSort}
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        onLoadMore={loadMore}
        hrefOf={(c) => `/companies/${c.id}`}
        testId="companies-table"
        rowTestId="company-row"
        rowIdAttribute="data-company-id"
      />
    );

  return (
    <Stack gap="md" className={classes.page}>
      <PageHeader
        title={t('nav.companies')}
        description={t('c360.company.description')}
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={create.open}
              data-testid="create-company-button"
            >
              {t('c360.company.new')}
            </Button>
          )
        }
      />
      <TextInput
        maw={480}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        placeholder={t('c360.company.searchPlaceholder')}
        aria-label={t('c360.company.searchPlaceholder')}
        leftSection={
          query.isFetching && !query.isFetchingNextPage ? <Loader size={14} /> : <IconSearch size={16} />
        }
        data-testid="companies-search"
      />
      {content}
      {isCreateOpen && <CompanyFormModal opened onClose={create.close} />}
    </Stack>
  );
}
