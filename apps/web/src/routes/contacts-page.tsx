import type { TPerson } from '@kap/shared';
import { Badge, Button, EmptyState, Group, Indicator, Kbd, Loader, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys, useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { IconFilter, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RecordTable } from '../components/record-table.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { BulkActionsBar } from '../features/c360/bulk-actions-bar.tsx';
import { listPeopleFiltered, type TFilter, type TSavedView } from '../features/c360/c360-api.ts';
import { ColumnChooser } from '../features/c360/column-chooser.tsx';
import { FilterBuilder, fromApiFilter, type TGroup, toApiFilter } from '../features/c360/filter-builder.tsx';
import { buildPeopleRecordColumns } from '../features/c360/people-record-columns.tsx';
import { buildPersonFields, DEFAULT_COLUMNS } from '../features/c360/person-fields.ts';
import { useCustomFields, useLifecycleStages } from '../features/c360/use-c360.ts';
import { ViewsMenu } from '../features/c360/views-menu.tsx';
import { useMembers } from '../features/members/use-members.ts';
import { PeopleEmptyState } from '../features/people/people-empty-state.tsx';
import { PeopleTableSkeleton } from '../features/people/people-table-skeleton.tsx';
import { useFormat } from '../lib/use-format.ts';
import classes from './contacts-page.module.css';

function parseFilter(text: string | null): TFilter | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as TFilter) : null;
  } catch {
    return null;
  }
}

export function ContactsPage() {
  const { t } = useTranslation();
  const { formatNumber, formatDate } = useFormat();
  const permissions = usePermissions();
  const isNarrow = useMediaQuery('(max-width: 36em)', false);
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const sort = searchParams.get('sort') || '-createdAt';
  const filterParam = searchParams.get('filter');
  const filter = useMemo(() => parseFilter(filterParam), [filterParam]);
  const viewId = searchParams.get('view');

  const [searchInput, setSearchInput] = useState(q);
  const [debouncedSearch] = useDebouncedValue(searchInput.trim(), 250);
  const searchRef = useRef<HTMLInputElement>(null);
  const [isFilterOpen, setFilterOpen] = useState(Boolean(filter));
  const [draft, setDraft] = useState<TGroup>(() => fromApiFilter(filter));
  const [columnIds, setColumnIds] = useLocalStorage<string[]>({
    key: 'kap.people.columns.v2',
    defaultValue: DEFAULT_COLUMNS,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [isAll, setAll] = useState(false);

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

  const updateParams = useCallback(
    (changes: Record<string, string>) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  useEffect(() => {
    if (debouncedSearch !== q) updateParams({ q: debouncedSearch });
  }, [debouncedSearch, q, updateParams]);

  // Apply the builder to the URL a moment after the user stops editing it.
  const [debouncedDraft] = useDebouncedValue(draft, 400);
  useEffect(() => {
    const next = toApiFilter(debouncedDraft);
    const text = next ? JSON.stringify(next) : '';
    if (text !== (filterParam ?? '')) updateParams({ filter: text });
  }, [debouncedDraft, filterParam, updateParams]);

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

  // A new list means a new selection.
  const listKey = `${q}\n${sort}\n${filterParam ?? ''}\n${viewId ?? ''}`;
  useEffect(() => {
    void listKey;
    setSelected(new Set());
    setAll(false);
  }, [listKey]);

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

  const applyView = (view: TSavedView | null) => {
    if (!view) {
      updateParams({ view: '', filter: '', sort: '' });
      setDraft({ combinator: 'and', items: [] });
      return;
    }
    setDraft(fromApiFilter(view.filter));
    if (view.columns?.length) setColumnIds(view.columns);
    updateParams({
      view: view.id,
      filter: view.filter ? JSON.stringify(view.filter) : '',
      sort: view.sort ?? '',
    });
  };

  const createButton = canCreate ? (
    <Button
      component={Link}
      to="/contacts/new"
      leftSection={<IconPlus size={16} />}
      data-testid="create-person-button"
    >
      {t('people.create')}
    </Button>
  ) : null;

  const selection = canCreate
    ? {
        ids: selected,
        isAll,
        onToggle: (id: string) =>
          setSelected((current) => {
            const next = new Set(current);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          }),
        onToggleAll: () => {
          setAll(false);
          setSelected((current) =>
            current.size === people.length || isAll ? new Set() : new Set(people.map((p) => p.id)),
          );
        },
      }
    : undefined;

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
          <Button variant="default" onClick={() => applyView(null)} data-testid="clear-filters">
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
        onSortChange={(next) => updateParams({ sort: next === '-createdAt' ? '' : next })}
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
            onClick={() => setFilterOpen((o) => !o)}
            aria-expanded={isFilterOpen}
            data-testid="filter-button"
          >
            {t('c360.filter.button')}
          </Button>
        </Indicator>
        <ViewsMenu viewId={viewId} onSelect={applyView} current={{ filter, sort, columns: columnIds }} />
        <ColumnChooser fields={fields} value={columnIds} onChange={setColumnIds} />
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
      {isFilterOpen && <FilterBuilder fields={fields} value={draft} onChange={setDraft} />}
      {(selected.size > 0 || isAll) && (
        <BulkActionsBar
          selectedIds={[...selected]}
          isAll={isAll}
          canSelectAll={selected.size === people.length && query.hasNextPage}
          filter={filter}
          onSelectAll={() => setAll(true)}
          onClear={() => {
            setSelected(new Set());
            setAll(false);
          }}
          canDelete={canCreate}
        />
      )}
      {content}
    </Stack>
  );
}
