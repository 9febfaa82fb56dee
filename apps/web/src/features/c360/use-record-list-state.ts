import { useDebouncedValue, useLocalStorage } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { listViews, type TFilter, type TRecordObjectType, type TSavedView } from './c360-api.ts';
import { fromApiFilter, type TGroup, toApiFilter } from './filter-builder.tsx';

function parseFilter(text: string | null): TFilter | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as TFilter) : null;
  } catch {
    return null;
  }
}

type TOptions = { objectType: TRecordObjectType; defaultSort: string; defaultColumns: string[] };

/**
 * What a record list page keeps: search, sort, filter and saved view in the URL (shareable, restored
 * on reload), the filter builder's draft, the chosen columns (per browser, or the view's), and the
 * selection for bulk actions, which a new list clears. Contacts and companies share it.
 */
export function useRecordListState({ objectType, defaultSort, defaultColumns }: TOptions) {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const sort = searchParams.get('sort') || defaultSort;
  const filterParam = searchParams.get('filter');
  const filter = useMemo(() => parseFilter(filterParam), [filterParam]);
  const viewId = searchParams.get('view');

  const [searchInput, setSearchInput] = useState(q);
  const [debouncedSearch] = useDebouncedValue(searchInput.trim(), 250);
  const [isFilterOpen, setFilterOpen] = useState(Boolean(filter));
  const [draft, setDraft] = useState<TGroup>(() => fromApiFilter(filter));
  const [columnIds, setColumnIds] = useLocalStorage<string[]>({
    key: objectType === 'person' ? 'kap.people.columns.v2' : 'kap.companies.columns.v1',
    defaultValue: defaultColumns,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [isAll, setAll] = useState(false);

  const updateParams = useCallback(
    (changes: Record<string, string>) => {
      setSearchParams(
        () => {
          // From the live address, not this render's copy: two updates in one tick (a view applied,
          // then the filter builder catching up) must not undo each other.
          const next = new URLSearchParams(window.location.search);
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

  // A new list means a new selection.
  const listKey = `${q}\n${sort}\n${filterParam ?? ''}\n${viewId ?? ''}`;
  useEffect(() => {
    void listKey;
    setSelected(new Set());
    setAll(false);
  }, [listKey]);

  // A link to a view alone (`?view=<id>`, e.g. shared with a colleague) opens it whole: its filter
  // in the builder, its sort on the table and its columns, not only the rows the server filters.
  const views = useQuery({
    queryKey: ['views', objectType],
    queryFn: () => listViews(objectType),
    enabled: Boolean(viewId),
    retry: (count, error) => !isApiError(error, 'NOT_FOUND') && count < 2,
  });
  const openedViewId = useRef<string | null>(null);
  const hasOwnCriteria = Boolean(filterParam || searchParams.get('sort'));
  useEffect(() => {
    if (!viewId || hasOwnCriteria || openedViewId.current === viewId) return;
    const view = views.data?.data.find((v) => v.id === viewId);
    if (!view) return;
    openedViewId.current = viewId;
    applyViewRef.current(view);
  }, [viewId, hasOwnCriteria, views.data]);

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

  const applyViewRef = useRef(applyView);
  applyViewRef.current = applyView;

  const selection = (rowIds: string[]) => ({
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
      setSelected((current) => (current.size === rowIds.length || isAll ? new Set() : new Set(rowIds)));
    },
  });

  const clearSelection = () => {
    setSelected(new Set());
    setAll(false);
  };

  return {
    q,
    sort,
    filter,
    filterParam,
    viewId,
    listKey,
    searchInput,
    setSearchInput,
    isFilterOpen,
    setFilterOpen,
    draft,
    setDraft,
    columnIds,
    setColumnIds,
    selected,
    isAll,
    selectAll: () => setAll(true),
    clearSelection,
    selection,
    updateParams,
    applyView,
    setSort: (next: string) => updateParams({ sort: next === defaultSort ? '' : next }),
  };
}
