import { PERSON_SORTS, type TPerson } from '@kap/shared';
import { Anchor, Avatar, Group, Text, Tooltip } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { TPeopleSort } from './people-api.ts';
import { personDisplayName, primaryOf } from './person-name.ts';

type TSortField = (typeof PERSON_SORTS)[number];
type TFormat = { formatDate: (iso: string) => string; formatDateTime: (iso: string) => string };

export function isSortField(value: string): value is TSortField {
  return PERSON_SORTS.some((field) => field === value);
}

export function parseSort(sort: TPeopleSort): { field: TSortField; desc: boolean } {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  return { field: isSortField(field) ? field : 'createdAt', desc };
}

export function toSort(field: TSortField, desc: boolean): TPeopleSort {
  return desc ? `-${field}` : field;
}

function DateCell({ iso, format }: { iso: string; format: TFormat }) {
  return (
    <Tooltip label={format.formatDateTime(iso)}>
      <Text size="sm" c="dimmed" truncate>
        {format.formatDate(iso)}
      </Text>
    </Tooltip>
  );
}

export function buildPeopleColumns(t: TFunction, format: TFormat): ColumnDef<TPerson>[] {
  return [
    {
      id: 'firstName',
      // TanStack only lets columns with an accessor sort; the server does the actual sorting.
      accessorFn: (person) => person.firstName,
      header: t('fields.firstName'),
      size: 20,
      cell: ({ row }) => {
        const person = row.original;
        return (
          <Group gap="sm" wrap="nowrap">
            <Avatar size={30} radius="xl" color="initials" name={personDisplayName(person, t)} />
            <Anchor
              component={Link}
              to={`/contacts/${person.id}`}
              fw={600}
              size="sm"
              c="dark"
              truncate
              aria-label={personDisplayName(person, t)}
              onClick={(event) => event.stopPropagation()}
              data-testid="people-row-link"
            >
              {person.firstName || (person.lastName ? '—' : personDisplayName(person, t))}
            </Anchor>
          </Group>
        );
      },
    },
    {
      id: 'lastName',
      accessorFn: (person) => person.lastName,
      header: t('fields.lastName'),
      size: 16,
      cell: ({ row }) => (
        <Text size="sm" fw={500} truncate>
          {row.original.lastName ?? ''}
        </Text>
      ),
    },
    {
      id: 'email',
      header: t('fields.email'),
      enableSorting: false,
      size: 26,
      cell: ({ row }) => (
        <Text size="sm" truncate>
          {primaryOf(row.original.emails)?.email ?? ''}
        </Text>
      ),
    },
    {
      id: 'phone',
      header: t('fields.phone'),
      enableSorting: false,
      size: 16,
      cell: ({ row }) => (
        <Text size="sm" truncate>
          {primaryOf(row.original.phones)?.number ?? ''}
        </Text>
      ),
    },
    {
      id: 'createdAt',
      accessorFn: (person) => person.createdAt,
      header: t('fields.createdAt'),
      size: 11,
      sortDescFirst: true,
      cell: ({ row }) => <DateCell iso={row.original.createdAt} format={format} />,
    },
    {
      id: 'updatedAt',
      accessorFn: (person) => person.updatedAt,
      header: t('fields.updatedAt'),
      size: 11,
      sortDescFirst: true,
      cell: ({ row }) => <DateCell iso={row.original.updatedAt} format={format} />,
    },
  ];
}
