import { Group, Skeleton, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './people-table.module.css';

const ROWS = Array.from({ length: 8 }, (_, index) => index);

export function PeopleTableSkeleton() {
  const { t } = useTranslation();
  return (
    <div
      className={classes.scroller}
      data-testid="people-loading"
      role="status"
      aria-busy="true"
      aria-label={t('common.loading')}
    >
      <Table className={classes.table}>
        <Table.Thead>
          <Table.Tr>
            {[20, 16, 26, 16, 11, 11].map((width, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of placeholder columns
              <Table.Th key={index} style={{ width: `${width}%` }}>
                <Skeleton h={10} w="60%" />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROWS.map((row) => (
            <Table.Tr key={row} style={{ height: 53 }}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <Skeleton circle h={30} w={30} style={{ flexShrink: 0 }} />
                  <Skeleton h={10} w="60%" />
                </Group>
              </Table.Td>
              {[0, 1, 2, 3, 4].map((cell) => (
                <Table.Td key={cell}>
                  <Skeleton h={10} w={`${50 + ((row + cell) % 4) * 10}%`} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
