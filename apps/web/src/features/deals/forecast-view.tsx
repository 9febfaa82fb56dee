import type { TForecast } from '@kap/shared';
import { SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toSupportedLocale } from '../../lib/i18n.ts';
import { useMoney } from '../../lib/use-money.ts';
import { listMembers } from '../members/members-api.ts';
import { getForecast } from './deals-api.ts';

/** Weighted and unweighted open pipeline, won and lost, by close month or by owner. */
export function ForecastView({ pipelineId }: { pipelineId: string }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const monthFormat = useMemo(
    () =>
      new Intl.DateTimeFormat(toSupportedLocale(i18n.resolvedLanguage ?? i18n.language), {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }),
    [i18n.resolvedLanguage, i18n.language],
  );
  const [groupBy, setGroupBy] = useState<'month' | 'owner'>('month');
  const forecast = useQuery({
    queryKey: ['deals', 'forecast', pipelineId, groupBy],
    queryFn: () => getForecast(groupBy, pipelineId),
  });
  const members = useQuery({ queryKey: ['members'], queryFn: listMembers, enabled: groupBy === 'owner' });
  const ownerName = (id: string | null) =>
    id === null ? t('deals.forecast.noOwner') : (members.data?.data.find((m) => m.userId === id)?.name ?? id);
  const keyLabel = (key: string | null) =>
    groupBy === 'owner'
      ? ownerName(key)
      : key
        ? monthFormat.format(new Date(`${key}-01T00:00:00Z`))
        : t('deals.forecast.noDate');
  const rows = (data: TForecast['rows'] | TForecast['totals'], isTotal: boolean) =>
    data.map((row) => (
      <Table.Tr key={`${'key' in row ? row.key : 'total'}-${row.currency}`} fw={isTotal ? 700 : undefined}>
        <Table.Td>
          {isTotal
            ? t('deals.forecast.totalIn', { currency: row.currency })
            : keyLabel('key' in row ? row.key : null)}
        </Table.Td>
        <Table.Td ta="right">{row.openCount}</Table.Td>
        <Table.Td ta="right">{money(row.unweighted, row.currency)}</Table.Td>
        <Table.Td ta="right">{money(row.weighted, row.currency)}</Table.Td>
        <Table.Td ta="right">
          {money(row.won, row.currency)} ({row.wonCount})
        </Table.Td>
        <Table.Td ta="right">
          {money(row.lost, row.currency)} ({row.lostCount})
        </Table.Td>
      </Table.Tr>
    ));
  return (
    <Stack data-testid="forecast-view">
      <SegmentedControl
        w="fit-content"
        value={groupBy}
        onChange={(value) => setGroupBy(value as 'month' | 'owner')}
        data={[
          { value: 'month', label: t('deals.forecast.byMonth') },
          { value: 'owner', label: t('deals.forecast.byOwner') },
        ]}
      />
      {forecast.data && (
        <>
          <Text size="sm" c="dimmed">
            {forecast.data.baseCurrency
              ? t('deals.forecast.converted', { currency: forecast.data.baseCurrency })
              : t('deals.forecast.perCurrency')}
          </Text>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  {groupBy === 'month' ? t('deals.forecast.month') : t('deals.fields.owner')}
                </Table.Th>
                <Table.Th ta="right">{t('deals.forecast.open')}</Table.Th>
                <Table.Th ta="right">{t('deals.forecast.unweighted')}</Table.Th>
                <Table.Th ta="right">{t('deals.forecast.weighted')}</Table.Th>
                <Table.Th ta="right">{t('deals.forecast.won')}</Table.Th>
                <Table.Th ta="right">{t('deals.forecast.lost')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows(forecast.data.rows, false)}
              {rows(forecast.data.totals, true)}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
