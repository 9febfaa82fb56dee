import { Center, Checkbox, Loader, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import classes from '../features/people/people-table.module.css';

const ROW_HEIGHT = 53;
const PREFETCH_ROWS = 15;

export type TRecordColumn<T> = ColumnDef<T> & { id: string; size: number; isSortable?: boolean };

type TProps<T extends { id: string }> = {
  rows: T[];
  columns: TRecordColumn<T>[];
  /** `field` or `-field`. */
  sort: string;
  onSortChange: (sort: string) => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  hrefOf: (row: T) => string;
  testId: string;
  rowTestId: string;
  rowIdAttribute: string;
  selection?: { ids: Set<string>; isAll: boolean; onToggle: (id: string) => void; onToggleAll: () => void };
};

function SortIcon({ direction }: { direction: 'asc' | 'desc' | null }) {
  if (direction === 'asc') return <IconArrowUp size={14} />;
  if (direction === 'desc') return <IconArrowDown size={14} />;
  return <IconSelector size={14} className={classes.idleSortIcon} />;
}

/** A virtualised, server-sorted table over a keyset-paginated list (contacts, companies). */
export function RecordTable<T extends { id: string }>(props: TProps<T>) {
  const {
    rows: data,
    columns,
    sort,
    onSortChange,
    hasNextPage,
    isFetchingNextPage,
    onLoadMore,
    selection,
  } = props;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sortField = sort.startsWith('-') ? sort.slice(1) : sort;
  const isDesc = sort.startsWith('-');
  const table = useReactTable({
    data,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
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
  const span = columns.length + (selection ? 1 : 0);
  const totalSize = useMemo(() => columns.reduce((sum, c) => sum + c.size, 0), [columns]);
  const allChecked = selection
    ? selection.isAll || (data.length > 0 && data.every((r) => selection.ids.has(r.id)))
    : false;

  return (
    <div ref={scrollRef} className={classes.scroller} data-testid={props.testId}>
      <Table stickyHeader highlightOnHover className={classes.table} aria-rowcount={rows.length}>
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th style={{ width: 44 }}>
                <Checkbox
                  size="xs"
                  checked={allChecked}
                  indeterminate={!allChecked && selection.ids.size > 0}
                  onChange={selection.onToggleAll}
                  aria-label={t('c360.list.selectPage')}
                  data-testid="select-page"
                />
              </Table.Th>
            )}
            {table.getHeaderGroups()[0]?.headers.map((header) => {
              const column = columns.find((c) => c.id === header.column.id);
              const direction = sortField === header.column.id ? (isDesc ? 'desc' : 'asc') : null;
              const label = flexRender(header.column.columnDef.header, header.getContext());
              return (
                <Table.Th
                  key={header.id}
                  style={{ width: `${((column?.size ?? 10) / totalSize) * 100}%` }}
                  aria-sort={
                    direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined
                  }
                >
                  {column?.isSortable !== false ? (
                    <UnstyledButton
                      className={classes.sortButton}
                      onClick={() =>
                        onSortChange(direction === 'asc' ? `-${header.column.id}` : header.column.id)
                      }
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
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {paddingTop > 0 && (
            <tr aria-hidden style={{ height: paddingTop }}>
              <td colSpan={span} />
            </tr>
          )}
          {virtualRows.map((virtualRow) => {
            const row = rows[virtualRow.index];
            if (!row) {
              return (
                <Table.Tr key="loader" style={{ height: ROW_HEIGHT }}>
                  <Table.Td colSpan={span}>
                    <Center>
                      <Loader size="sm" type="dots" aria-label={t('common.loading')} />
                    </Center>
                  </Table.Td>
                </Table.Tr>
              );
            }
            const isSelected = selection ? selection.isAll || selection.ids.has(row.id) : false;
            return (
              <Table.Tr
                key={row.id}
                className={classes.row}
                style={{ height: ROW_HEIGHT }}
                bg={isSelected ? 'var(--mantine-color-indigo-light)' : undefined}
                onClick={() => void navigate(props.hrefOf(row.original))}
                data-testid={props.rowTestId}
                {...{ [props.rowIdAttribute]: row.id }}
              >
                {selection && (
                  <Table.Td onClick={(event) => event.stopPropagation()}>
                    <Checkbox
                      size="xs"
                      checked={isSelected}
                      disabled={selection.isAll}
                      onChange={() => selection.onToggle(row.id)}
                      aria-label={t('c360.list.selectRow')}
                      data-testid="select-row"
                    />
                  </Table.Td>
                )}
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
              <td colSpan={span} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
