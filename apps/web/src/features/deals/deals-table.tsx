import type { TPipeline } from '@kap/shared';
import { Badge, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listDeals } from './deals-api.ts';
import { useMoney } from './use-money.ts';

const SORTS = ['-updatedAt', 'name', '-amount', 'expectedCloseDate'] as const;

/** The pipeline's deals as a table (the list API: the same filter language and views as people). */
export function DealsTable({ pipeline }: { pipeline: TPipeline }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<(typeof SORTS)[number]>('-updatedAt');
  const [debounced] = useDebouncedValue(q, 250);
  const deals = useQuery({
    queryKey: ['deals', 'table', pipeline.id, debounced, sort],
    queryFn: () => listDeals({ pipelineId: pipeline.id, q: debounced || undefined, sort, limit: 200 }),
  });
  const stageName = (id: string) => pipeline.stages.find((s) => s.id === id)?.name ?? '';
  const header = (label: string, key: (typeof SORTS)[number]) => (
    <Table.Th style={{ cursor: 'pointer' }} onClick={() => setSort(key)}>
      {label}
      {sort === key ? ' ▾' : ''}
    </Table.Th>
  );
  return (
    <>
      <TextInput
        placeholder={t('deals.table.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={320}
        mb="sm"
      />
      <Table striped highlightOnHover withTableBorder data-testid="deals-table">
        <Table.Thead>
          <Table.Tr>
            {header(t('deals.fields.name'), 'name')}
            <Table.Th>{t('deals.fields.stage')}</Table.Th>
            {header(t('deals.fields.amount'), '-amount')}
            <Table.Th>{t('deals.fields.weighted')}</Table.Th>
            {header(t('deals.fields.expectedCloseDate'), 'expectedCloseDate')}
            <Table.Th>{t('deals.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(deals.data?.data ?? []).map((deal) => (
            <Table.Tr key={deal.id}>
              <Table.Td>
                <Text component={Link} to={`/deals/${deal.id}`} size="sm" fw={600}>
                  {deal.name}
                </Text>
              </Table.Td>
              <Table.Td>{stageName(deal.stageId)}</Table.Td>
              <Table.Td>{money(deal.amount, deal.currency)}</Table.Td>
              <Table.Td>{money(deal.weightedAmount, deal.currency)}</Table.Td>
              <Table.Td>{deal.expectedCloseDate ?? ''}</Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={deal.status === 'won' ? 'teal' : deal.status === 'lost' ? 'red' : 'blue'}
                >
                  {t(`deals.status.${deal.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
