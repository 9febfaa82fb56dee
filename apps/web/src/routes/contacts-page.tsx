import { ZListPeopleQuery } from '@kap/shared';
import { Badge, Button, Group, Kbd, Loader, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import type { TPeopleSort } from '../features/people/people-api.ts';
import { PeopleEmptyState } from '../features/people/people-empty-state.tsx';
import { PeopleTable } from '../features/people/people-table.tsx';
import { PeopleTableSkeleton } from '../features/people/people-table-skeleton.tsx';
import { usePeopleList } from '../features/people/use-people.ts';
import { useFormat } from '../lib/use-format.ts';
import classes from './contacts-page.module.css';

const ZSortParam = ZListPeopleQuery.shape.sort;

export function ContactsPage() {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  const permissions = usePermissions();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const sortParam = ZSortParam.safeParse(searchParams.get('sort') ?? undefined);
  const sort: TPeopleSort = sortParam.success ? sortParam.data : '-createdAt';

  const [searchInput, setSearchInput] = useState(q);
  const [debouncedSearch] = useDebouncedValue(searchInput.trim(), 250);
  const searchRef = useRef<HTMLInputElement>(null);

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

  useHotkeys([
    ['/', () => searchRef.current?.focus()],
    ['mod+K', () => searchRef.current?.focus()],
  ]);

  const query = usePeopleList({ q, sort });
  const people = useMemo(() => query.data?.pages.flatMap((page) => page.data) ?? [], [query.data]);
  const canCreate = permissions.canWrite('people');
  const loadMore = useCallback(() => void query.fetchNextPage(), [query.fetchNextPage]);

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

  let content: ReactNode;
  if (query.isPending) content = <PeopleTableSkeleton />;
  else if (query.isError && people.length === 0) {
    content = (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} title={t('people.loadFailed')} />
    );
  } else if (people.length === 0) {
    content = <PeopleEmptyState search={q} onClearSearch={() => setSearchInput('')} canCreate={canCreate} />;
  } else {
    content = (
      <PeopleTable
        // A new search or sort starts a fresh list, scrolled to the top.
        key={`${q}\n${sort}`}
        people={people}
        sort={sort}
        onSortChange={(next) => updateParams({ sort: next === '-createdAt' ? '' : next })}
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        onLoadMore={loadMore}
      />
    );
  }

  return (
    <Stack gap="md" className={classes.page}>
      <PageHeader title={t('people.title')} description={t('people.description')} actions={createButton} />
      <Group gap="sm" wrap="nowrap">
        <TextInput
          ref={searchRef}
          className={classes.search}
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
        {people.length > 0 && (
          <Badge
            variant="light"
            color="gray"
            size="lg"
            radius="sm"
            tt="none"
            fw={500}
            visibleFrom="xs"
            data-testid="people-count"
          >
            {query.hasNextPage
              ? t('people.loadedCountMore', { count: people.length, formatted: formatNumber(people.length) })
              : t('people.loadedCount', { count: people.length, formatted: formatNumber(people.length) })}
          </Badge>
        )}
      </Group>
      {content}
    </Stack>
  );
}
