import type { TPerson } from '@kap/shared';
import {
  Badge,
  Button,
  EmptyState,
  Group,
  Indicator,
  Kbd,
  Loader,
  Stack,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useHotkeys, useMediaQuery } from '@mantine/hooks';
import { IconFilter, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RecordTable } from '../components/record-table.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { BulkActionsBar } from '../features/c360/bulk-actions-bar.tsx';
import { listPeopleFiltered } from '../features/c360/c360-api.ts';
import { ColumnChooser } from '../features/c360/column-chooser.tsx';
import { FilterBuilder } from '../features/c360/filter-builder.tsx';
import { buildPeopleRecordColumns } from '../features/c360/people-record-columns.tsx';
import { buildPersonFields, DEFAULT_COLUMNS } from '../features/c360/person-fields.ts';
import { useCustomFields, useLifecycleStages } from '../features/c360/use-c360.ts';
import { useRecordListState } from '../features/c360/use-record-list-state.ts';
import { ViewsMenu } from '../features/c360/views-menu.tsx';
import { ExportMenu } from '../features/exports/export-menu.tsx';
import { useMembers } from '../features/members/use-members.ts';
import { purchaseFilterFields } from '../features/orders/purchase-filter-fields.ts';
import { PeopleEmptyState } from '../features/people/people-empty-state.tsx';
import { PeopleTableSkeleton } from '../features/people/people-table-skeleton.tsx';
import { useFormat } from '../lib/use-format.ts';
import classes from './contacts-page.module.css';

export function ContactsPage() {
  const { t } = useTranslation();
  const { formatNumber, formatDate } = useFormat();
  const permissions = usePermissions();
  const isNarrow = useMediaQuery('(max-width: 36em)', false);
  const list = useRecordListState({
    objectType: 'person',
    defaultSort: '-createdAt',
    defaultColumns: DEFAULT_COLUMNS,
  });
  const { q, sort, filter, viewId, listKey, columnIds, draft, isFilterOpen, searchInput, setSearchInput } =
    list;
  const searchRef = useRef<HTMLInputElement>(null);

  const stages = useLifecycleStages().data?.stages ?? [];
  const customFields = useCustomFields('person').data?.data ?? [];
  const { members } = useMembers();
  const fieldLabel = useCallback(
    (key: string) => {
      switch (key) {
        case 'firstName':
        case 'lastName':
        case 'email':
        case 'phone':
        case 'owner':
        case 'createdAt':
        case 'updatedAt':
          return t(`fields.${key}`);
        default:
          return t(`c360.fields.${key as 'jobTitle'}`);
      }
    },
    [t],
  );
  const fields = useMemo(
    () =>
      buildPersonFields(fieldLabel, stages, customFields, (c) => t(`c360.preferredChannel.${c as 'email'}`)),
    [fieldLabel, stages, customFields, t],
  );

  useHotkeys([['/', () => searchRef.current?.focus()]]);

  const query = useInfiniteQuery({
    queryKey: ['people', 'list', { q, sort, filter, viewId }],
    queryFn: ({ pageParam, signal }) =>
      listPeopleFiltered({ q, sort, filter, viewId, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const people = useMemo(() => query.data?.pages.flatMap((page) => page.data) ?? [], [query.data]);
  const canCreate = permissions.canWrite('people');
  const loadMore = useCallback(() => void query.fetchNextPage(), [query.fetchNextPage]);

  const stageLabel = useCallback(
    (key: string | null) => (key ? (stages.find((s) => s.key === key)?.label ?? key) : ''),
    [stages],
  );
  const memberName = useCallback(
    (id: string | null) => members.find((m) => m.userId === id)?.name ?? '',
    [members],
  );
  const visibleIds = isNarrow ? columnIds.slice(0, 2) : columnIds;
  const columns = useMemo(
    () =>
      buildPeopleRecordColumns(fields, visibleIds, { t, formatDate, stageLabel, memberName, customFields }),
    [fields, visibleIds, t, formatDate, stageLabel, memberName, customFields],
  );

  const createButton = canCreate ? (
    <Tooltip label={t('c360.records.newShortcut')}>
      <Button
        component={Link}
        to="/contacts/new"
        leftSection={<IconPlus size={16} />}
        rightSection={
          <Kbd size="xs" visibleFrom="sm">
            N
          </Kbd>
        }
        data-testid="create-person-button"
      >
        {t('people.create')}
      </Button>
    </Tooltip>
  ) : null;

  const selection = canCreate ? list.selection(people.map((p) => p.id)) : undefined;

  const activeConditions = draft.items.length;
  let content: ReactNode;
  if (query.isPending) content = <PeopleTableSkeleton />;
  else if (query.isError && people.length === 0) {
    content = (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} title={t('people.loadFailed')} />
    );
  } else if (people.length === 0 && (filter || viewId)) {
    content = (
      <EmptyState
        data-testid="people-empty"
        icon={<IconFilter size={28} />}
        title={t('c360.filter.noMatches')}
        py="xl"
      >
        <EmptyState.Actions>
          <Button variant="default" onClick={() => list.applyView(null)} data-testid="clear-filters">
            {t('c360.filter.clear')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else if (people.length === 0) {
    content = <PeopleEmptyState search={q} onClearSearch={() => setSearchInput('')} canCreate={canCreate} />;
  } else {
    content = (
      <RecordTable<TPerson>
        key={listKey}
        rows={people}
        columns={columns}
        sort={sort}
        onSortChange={list.setSort}
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        onLoadMore={loadMore}
        hrefOf={(p) => `/contacts/${p.id}`}
        testId="people-table"
        rowTestId="people-row"
        rowIdAttribute="data-person-id"
        selection={selection}
      />
    );
  }

  return (
    <Stack gap="sm" className={classes.page}>
      <PageHeader title={t('people.title')} description={t('people.description')} actions={createButton} />
      <Group gap="sm" wrap="wrap">
        <TextInput
          ref={searchRef}
          className={classes.search}
          miw={220}
          type="search"
          name="q"
          value={searchInput}
          onChange={(event) => setSearchInput(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setSearchInput('');
          }}
          placeholder={t('people.searchPlaceholder')}
          aria-label={t('people.searchPlaceholder')}
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
            ) : (
              <Kbd size="xs" visibleFrom="sm">
                /
              </Kbd>
            )
          }
          data-testid="people-search"
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
          objectType="person"
          viewId={viewId}
          onSelect={list.applyView}
          current={{ filter, sort, columns: columnIds }}
        />
        <ColumnChooser fields={fields} value={columnIds} onChange={list.setColumnIds} />
        {permissions.has('export') && (
          <ExportMenu objectType="person" criteria={{ viewId, filter, sort, q }} visibleColumns={columnIds} />
        )}
        {people.length > 0 && (
          <Badge
            variant="light"
            color="gray"
            size="lg"
            radius="sm"
            tt="none"
            fw={500}
            visibleFrom="md"
            data-testid="people-count"
          >
            {query.hasNextPage
              ? t('people.loadedCountMore', { count: people.length, formatted: formatNumber(people.length) })
              : t('people.loadedCount', { count: people.length, formatted: formatNumber(people.length) })}
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
          objectType="person"
          selectedIds={[...list.selected]}
          isAll={list.isAll}
          canSelectAll={list.selected.size === people.length && query.hasNextPage}
          filter={filter}
          search={q}
          onSelectAll={list.selectAll}
          onClear={list.clearSelection}
          canDelete={canCreate}
        />
      )}
      {permissions.has('export') && (list.selected.size > 0 || list.isAll) && (
        <Group justify="flex-end" mt={-4}>
          <ExportMenu
            objectType="person"
            criteria={{ viewId, filter, sort, q, ids: list.isAll ? null : [...list.selected] }}
            visibleColumns={columnIds}
            isSelection
            testId="export-selection-button"
          />
        </Group>
      )}
      {content}
    </Stack>
  );
}
