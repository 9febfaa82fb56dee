import type { TPerson } from '@kap/shared';
import { Center, Loader, Table, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import {
  flexRender,
  getCoreRowModel,
  type Header,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../lib/use-format.ts';
import type { TPeopleSort } from './people-api.ts';
import { buildPeopleColumns, isSortField, parseSort, toSort } from './people-columns.tsx';
import classes from './people-table.module.css';

const ROW_HEIGHT = 53;
/** Start fetching the next page this many rows before the user reaches the end. */
const PREFETCH_ROWS = 15;

type TPeopleTableProps = {
  people: TPerson[];
  sort: TPeopleSort;
  onSortChange: (sort: TPeopleSort) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
};

function SortIcon({ direction }: { direction: false | 'asc' | 'desc' }) {
  if (direction === 'asc') return <IconArrowUp size={14} />;
  if (direction === 'desc') return <IconArrowDown size={14} />;
  return <IconSelector size={14} className={classes.idleSortIcon} />;
}

function HeaderCell({ header }: { header: Header<TPerson, unknown> }) {
  const { t } = useTranslation();
  const direction = header.column.getIsSorted();
  const label = flexRender(header.column.columnDef.header, header.getContext());
  return (
    <Table.Th
      style={{ width: `${header.getSize()}%` }}
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
    >
      {header.column.getCanSort() ? (
        <UnstyledButton
          className={classes.sortButton}
          onClick={header.column.getToggleSortingHandler()}
          data-testid={`sort-${header.column.id}`}
          title={t('people.sortBy')}
        >
          {label}
          <SortIcon direction={direction} />
        </UnstyledButton>
      ) : (
        label
      )}
    </Table.Th>
  );
}

export function PeopleTable(props: TPeopleTableProps) {
  const { people, sort, onSortChange, hasNextPage, isFetchingNextPage, onLoadMore } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const isWide = useMediaQuery('(min-width: 62em)', true);
  const isNarrow = useMediaQuery('(max-width: 36em)', false);

  const columns = useMemo(() => buildPeopleColumns(t, format), [t, format]);
  const { field, desc } = parseSort(sort);
  const sorting: SortingState = [{ id: field, desc }];

  const table = useReactTable({
    data: people,
    columns,
    getRowId: (person) => person.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: {
      sorting,
      columnVisibility: { phone: isWide, updatedAt: isWide, createdAt: !isNarrow, email: !isNarrow },
    },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && isSortField(first.id)) onSortChange(toSort(first.id, first.desc));
    },
  });

  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows[virtualRows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [hasNextPage, isFetchingNextPage, lastIndex, rows.length, onLoadMore]);

  const paddingTop = virtualRows[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (virtualRows[virtualRows.length - 1]?.end ?? 0);
  const visibleColumnCount = table.getVisibleLeafColumns().length;

  return (
    <div ref={scrollRef} className={classes.scroller} data-testid="people-table">
      <Table stickyHeader highlightOnHover className={classes.table} aria-rowcount={rows.length}>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} />
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && (
            <tr aria-hidden style={{ height: paddingTop }}>
              <td colSpan={visibleColumnCount} />
            </tr>
          )}
          {virtualRows.map((virtualRow) => {
            const row = rows[virtualRow.index];
            if (!row) {
              return (
                <Table.Tr key="loader" style={{ height: ROW_HEIGHT }}>
                  <Table.Td colSpan={visibleColumnCount}>
                    <Center>
                      <Loader size="sm" type="dots" aria-label={t('common.loading')} />
                    </Center>
                  </Table.Td>
                </Table.Tr>
              );
            }
            return (
              <Table.Tr
                key={row.id}
                className={classes.row}
                style={{ height: ROW_HEIGHT }}
                onClick={() => void navigate(`/contacts/${row.id}`)}
                data-testid="people-row"
                data-person-id={row.id}
              >
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id} className={classes.cell}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden style={{ height: paddingBottom }}>
              <td colSpan={visibleColumnCount} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
