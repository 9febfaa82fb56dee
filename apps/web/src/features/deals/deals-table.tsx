import type { TPipeline } from '@kap/shared';
import { Badge, Button, Group, Modal, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconFilter } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError } from '../../lib/error-message.ts';
import { useMoney } from '../../lib/use-money.ts';
import type { TFilter } from '../c360/c360-api.ts';
import { FilterBuilder, fromApiFilter, type TGroup, toApiFilter } from '../c360/filter-builder.tsx';
import { customFieldDefs, type TFieldDef } from '../c360/person-fields.ts';
import { useCustomFields } from '../c360/use-c360.ts';
import { createDealView, listDeals, listDealViews, type TDealView } from './deals-api.ts';

const SORTS = ['-updatedAt', 'name', '-amount', 'expectedCloseDate'] as const;

/** The fields the deals filter knows (apps/server/src/modules/deals/deals-filter-fields.ts). */
function useDealFields(pipeline: TPipeline): TFieldDef[] {
  const { t } = useTranslation();
  const custom = useCustomFields('deal');
  return useMemo(
    () => [
      { id: 'name', label: t('deals.fields.name'), kind: 'text', isSortable: true },
      {
        id: 'stageId',
        label: t('deals.fields.stage'),
        kind: 'select',
        options: pipeline.stages.map((s) => ({ value: s.id, label: s.name })),
        isSortable: false,
      },
      {
        id: 'status',
        label: t('deals.fields.status'),
        kind: 'select',
        options: (['open', 'won', 'lost'] as const).map((s) => ({ value: s, label: t(`deals.status.${s}`) })),
        isSortable: true,
      },
      { id: 'amount', label: t('deals.fields.amount'), kind: 'number', isSortable: true },
      { id: 'probability', label: t('deals.settings.probability'), kind: 'number', isSortable: true },
      { id: 'currency', label: t('deals.fields.currency'), kind: 'text', isSortable: true },
      { id: 'expectedCloseDate', label: t('deals.fields.expectedCloseDate'), kind: 'date', isSortable: true },
      { id: 'ownerId', label: t('deals.fields.owner'), kind: 'user', isSortable: true },
      {
        id: 'companyId',
        label: t('deals.fields.company'),
        kind: 'record',
        relationType: 'company',
        isSortable: false,
      },
      { id: 'source', label: t('deals.fields.source'), kind: 'text', isSortable: true },
      ...customFieldDefs(custom.data?.data ?? []),
    ],
    [t, pipeline.stages, custom.data],
  );
}

/** Saved views of deals: pick one, or save the current filter and sort as one. */
function DealViews({
  viewId,
  onSelect,
  current,
}: {
  viewId: string | null;
  onSelect: (view: TDealView | null) => void;
  current: { filter: TFilter | null; sort: string };
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, modal] = useDisclosure(false);
  const [name, setName] = useState('');
  const [isShared, setShared] = useState(false);
  const views = useQuery({ queryKey: ['views', 'deal'], queryFn: listDealViews });
  const save = useMutation({
    mutationFn: () =>
      createDealView({
        name: name.trim(),
        isShared,
        filter: current.filter,
        sort: current.sort,
        columns: [],
      }),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: ['views', 'deal'] });
      modal.close();
      setName('');
      onSelect(view);
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
  });
  const list = views.data?.data ?? [];
  return (
    <Group gap="xs">
      <Select
        w={200}
        clearable
        placeholder={t('deals.table.allDeals')}
        aria-label={t('deals.table.views')}
        data={list.map((v) => ({ value: v.id, label: v.name }))}
        value={viewId}
        onChange={(id) => onSelect(list.find((v) => v.id === id) ?? null)}
        data-testid="deal-views"
      />
      <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={modal.open}>
        {t('deals.table.saveView')}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t('deals.table.saveView')}>
        <Stack>
          <TextInput
            label={t('deals.table.viewName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Switch
            label={t('deals.table.shared')}
            checked={isShared}
            onChange={(e) => setShared(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!name.trim()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}

/** The pipeline's deals as a table, with the people list's filter language and saved views. */
export function DealsTable({ pipeline }: { pipeline: TPipeline }) {
  const { t } = useTranslation();
  const money = useMoney();
  const fields = useDealFields(pipeline);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<string>('-updatedAt');
  const [group, setGroup] = useState<TGroup>(() => fromApiFilter(null));
  const [viewId, setViewId] = useState<string | null>(null);
  const [showFilter, filterToggle] = useDisclosure(false);
  const [debounced] = useDebouncedValue(q, 250);
  const filter = toApiFilter(group);
  const filterParam = filter ? JSON.stringify(filter) : undefined;
  const deals = useQuery({
    queryKey: ['deals', 'table', pipeline.id, debounced, sort, filterParam],
    queryFn: () =>
      listDeals({
        pipelineId: pipeline.id,
        q: debounced || undefined,
        sort,
        filter: filterParam,
        limit: 200,
      }),
  });
  const stageName = (id: string) => pipeline.stages.find((s) => s.id === id)?.name ?? '';
  const header = (label: string, key: (typeof SORTS)[number]) => (
    <Table.Th style={{ cursor: 'pointer' }} onClick={() => setSort(key)}>
      {label}
      {sort === key ? ' ▾' : ''}
    </Table.Th>
  );
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <TextInput
          placeholder={t('deals.table.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <Button
          variant={showFilter ? 'light' : 'default'}
          leftSection={<IconFilter size={16} />}
          onClick={filterToggle.toggle}
        >
          {t('deals.table.filter')}
        </Button>
        <DealViews
          viewId={viewId}
          current={{ filter, sort }}
          onSelect={(view) => {
            setViewId(view?.id ?? null);
            setGroup(fromApiFilter(view?.filter ?? null));
            setSort(view?.sort ?? '-updatedAt');
          }}
        />
      </Group>
      {showFilter && <FilterBuilder fields={fields} value={group} onChange={setGroup} />}
      {deals.isError && <Text c="red">{describeError(deals.error, t)}</Text>}
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
    </Stack>
  );
}
