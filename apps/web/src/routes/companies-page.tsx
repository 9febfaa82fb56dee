import type { TCompany } from '@kap/shared';
import {
  Badge,
  Button,
  EmptyState,
  Group,
  Indicator,
  Kbd,
  Loader,
  Skeleton,
  Stack,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconFilter, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RecordTable } from '../components/record-table.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { BulkActionsBar } from '../features/c360/bulk-actions-bar.tsx';
import { listCompaniesFiltered } from '../features/c360/c360-api.ts';
import { ColumnChooser } from '../features/c360/column-chooser.tsx';
import { buildCompanyFields, COMPANY_DEFAULT_COLUMNS } from '../features/c360/company-fields.ts';
import { CompanyFormModal } from '../features/c360/company-form-modal.tsx';
import { buildCompanyRecordColumns } from '../features/c360/company-record-columns.tsx';
import { FilterBuilder } from '../features/c360/filter-builder.tsx';
import { useCustomFields } from '../features/c360/use-c360.ts';
import { useRecordListState } from '../features/c360/use-record-list-state.ts';
import { ViewsMenu } from '../features/c360/views-menu.tsx';
import { ExportMenu } from '../features/exports/export-menu.tsx';
import { useMembers } from '../features/members/use-members.ts';
import { purchaseFilterFields } from '../features/orders/purchase-filter-fields.ts';
import { useFormat } from '../lib/use-format.ts';
import classes from './contacts-page.module.css';

function formatMoney(amount: string, currency: string | null): string {
  if (!currency) return amount;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      Number(amount),
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

export function CompaniesPage() {
  const { t } = useTranslation();
  const { formatDate, formatNumber } = useFormat();
  const permissions = usePermissions();
  const isNarrow = useMediaQuery('(max-width: 36em)', false);
  const [isCreateOpen, create] = useDisclosure(false);
  const canWrite = permissions.canWrite('companies');
  const list = useRecordListState({
    objectType: 'company',
    defaultSort: 'name',
    defaultColumns: COMPANY_DEFAULT_COLUMNS,
  });
  const { q, sort, filter, viewId, listKey, columnIds, draft, isFilterOpen, searchInput, setSearchInput } =
    list;

  const customFields = useCustomFields('company').data?.data ?? [];
  const { members } = useMembers();
  const fieldLabel = useCallback(
    (key: string) => {
      switch (key) {
        case 'name':
        case 'owner':
        case 'createdAt':
        case 'updatedAt':
          return t(`fields.${key}`);
        case 'currency':
        case 'tags':
          return t(`c360.fields.${key}`);
        case 'city':
        case 'country':
          return t(`c360.records.${key}`);
        default:
          return t(`c360.company.${key as 'domains'}`);
      }
    },
    [t],
  );
  const fields = useMemo(() => buildCompanyFields(fieldLabel, customFields), [fieldLabel, customFields]);

  const query = useInfiniteQuery({
    queryKey: ['companies', 'list', { q, sort, filter, viewId }],
    queryFn: ({ pageParam, signal }) =>
      listCompaniesFiltered({ q, sort, filter, viewId, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const companies = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const loadMore = useCallback(() => void query.fetchNextPage(), [query.fetchNextPage]);

  const memberName = useCallback(
    (id: string | null) => members.find((m) => m.userId === id)?.name ?? '',
    [members],
  );
  const visibleIds = isNarrow ? columnIds.slice(0, 2) : columnIds;
  const columns = useMemo(
    () =>
      buildCompanyRecordColumns(fields, visibleIds, { t, formatDate, formatMoney, memberName, customFields }),
    [fields, visibleIds, t, formatDate, memberName, customFields],
  );
  const selection = canWrite ? list.selection(companies.map((c) => c.id)) : undefined;
  const activeConditions = draft.items.length;

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
  else if (companies.length === 0 && (filter || viewId))
    content = (
      <EmptyState
        data-testid="companies-empty"
        icon={<IconFilter size={28} />}
        title={t('c360.records.noCompanyMatches')}
        py="xl"
      >
        <EmptyState.Actions>
          <Button variant="default" onClick={() => list.applyView(null)} data-testid="clear-filters">
            {t('c360.filter.clear')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
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
      <RecordTable<TCompany>
        key={listKey}
        rows={companies}
        columns={columns}
        sort={sort}
        onSortChange={list.setSort}
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        onLoadMore={loadMore}
        hrefOf={(c) => `/companies/${c.id}`}
        testId="companies-table"
        rowTestId="company-row"
        rowIdAttribute="data-company-id"
        selection={selection}
      />
    );

  return (
    <Stack gap="sm" className={classes.page}>
      <PageHeader
        title={t('nav.companies')}
        description={t('c360.company.description')}
        actions={
          canWrite && (
            <Tooltip label={t('c360.records.newShortcut')}>
              <Button
                leftSection={<IconPlus size={16} />}
                rightSection={
                  <Kbd size="xs" visibleFrom="sm">
                    N
                  </Kbd>
                }
                onClick={create.open}
                data-testid="create-company-button"
              >
                {t('c360.company.new')}
              </Button>
            </Tooltip>
          )
        }
      />
      <Group gap="sm" wrap="wrap">
        <TextInput
          className={classes.search}
          miw={220}
          type="search"
          value={searchInput}
          onChange={(e) => setSearchInput(e.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setSearchInput('');
          }}
          placeholder={t('c360.company.searchPlaceholder')}
          aria-label={t('c360.company.searchPlaceholder')}
          leftSection={
            query.isFetching && !query.isFetchingNextPage ? <Loader size={14} /> : <IconSearch size={16} />
          }
          rightSection={
            searchInput ? (
              <IconX
                size={14}
                style={{ cursor: 'pointer' }}
                onClick={() => setSearchInput('')}
                aria-label={t('common.clear')}
              />
            ) : null
          }
          data-testid="companies-search"
        />
        <Indicator label={activeConditions} size={16} disabled={activeConditions === 0}>
          <Button
            variant={isFilterOpen ? 'light' : 'default'}
            leftSection={<IconFilter size={16} />}
            onClick={() => list.setFilterOpen((o) => !o)}
            aria-expanded={isFilterOpen}
            data-testid="filter-button"
          >
            {t('c360.filter.button')}
          </Button>
        </Indicator>
        <ViewsMenu
          objectType="company"
          viewId={viewId}
          onSelect={list.applyView}
          current={{ filter, sort, columns: columnIds }}
        />
        <ColumnChooser fields={fields} value={columnIds} onChange={list.setColumnIds} />
        {permissions.has('export') && (
          <ExportMenu
            objectType="company"
            criteria={{ viewId, filter, sort, q }}
            visibleColumns={columnIds}
          />
        )}
        {companies.length > 0 && (
          <Badge
            variant="light"
            color="gray"
            size="lg"
            radius="sm"
            tt="none"
            fw={500}
            visibleFrom="md"
            data-testid="companies-count"
          >
            {query.hasNextPage
              ? t('c360.records.companiesCountMore', {
                  count: companies.length,
                  formatted: formatNumber(companies.length),
                })
              : t('c360.records.companiesCount', {
                  count: companies.length,
                  formatted: formatNumber(companies.length),
                })}
          </Badge>
        )}
      </Group>
      {isFilterOpen && (
        <FilterBuilder
          fields={[...fields, ...purchaseFilterFields(t)]}
          value={draft}
          onChange={list.setDraft}
        />
      )}
      {(list.selected.size > 0 || list.isAll) && (
        <BulkActionsBar
          objectType="company"
          selectedIds={[...list.selected]}
          isAll={list.isAll}
          canSelectAll={list.selected.size === companies.length && query.hasNextPage}
          filter={filter}
          search={q}
          onSelectAll={list.selectAll}
          onClear={list.clearSelection}
          canDelete={canWrite}
        />
      )}
      {permissions.has('export') && (list.selected.size > 0 || list.isAll) && (
        <Group justify="flex-end" mt={-4}>
          <ExportMenu
            objectType="company"
            criteria={{ viewId, filter, sort, q, ids: list.isAll ? null : [...list.selected] }}
            visibleColumns={columnIds}
            isSelection
            testId="export-selection-button"
          />
        </Group>
      )}
      {content}
      {isCreateOpen && <CompanyFormModal opened onClose={create.close} />}
    </Stack>
  );
}
