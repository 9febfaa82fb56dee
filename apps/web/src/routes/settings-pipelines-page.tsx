import type { TPipeline, TStageKind } from '@kap/shared';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../components/error-state.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { createPipeline, listPipelines, updatePipeline } from '../features/deals/deals-api.ts';
import { describeError } from '../lib/error-message.ts';
import { fieldErrorsOf } from '../lib/form-errors.ts';

type TStageDraft = { id?: string; name: string; probability: number; kind: TStageKind };

const toDraft = (pipeline: TPipeline): TStageDraft[] =>
  pipeline.stages.map(({ id, name, probability, kind }) => ({ id, name, probability, kind }));

/** One pipeline's stages as an editable, ordered list; saved as a whole (PATCH with If-Match). */
function PipelineEditor({ pipeline, canManage }: { pipeline: TPipeline; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(pipeline.name);
  const [stages, setStages] = useState<TStageDraft[]>(() => toDraft(pipeline));
  const save = useMutation({
    mutationFn: () => updatePipeline(pipeline.id, pipeline.version, { name, stages }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['pipelines'] });
      notifications.show({ color: 'teal', message: t('deals.settings.saved') });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const change = (index: number, patch: Partial<TStageDraft>) =>
    setStages((list) => list.map((stage, i) => (i === index ? { ...stage, ...patch } : stage)));
  const move = (index: number, by: -1 | 1) =>
    setStages((list) => {
      const next = [...list];
      const [stage] = next.splice(index, 1);
      if (stage) next.splice(index + by, 0, stage);
      return next;
    });
  const kinds = (['open', 'won', 'lost'] as const).map((kind) => ({
    value: kind,
    label: t(`deals.status.${kind}`),
  }));
  return (
    <Card withBorder data-testid="pipeline-editor">
      <Stack>
        <TextInput
          label={t('deals.settings.pipelineName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          disabled={!canManage}
          maw={360}
        />
        {save.error && !Object.keys(errors).length ? (
          <Alert color="red">{describeError(save.error, t)}</Alert>
        ) : null}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deals.fields.stage')}</Table.Th>
              <Table.Th w={170}>{t('deals.settings.probability')}</Table.Th>
              <Table.Th w={150}>{t('deals.settings.kind')}</Table.Th>
              <Table.Th w={120} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stages.map((stage, index) => (
              <Table.Tr key={stage.id ?? `new-${index}`}>
                <Table.Td>
                  <TextInput
                    value={stage.name}
                    onChange={(e) => change(index, { name: e.currentTarget.value })}
                    error={errors[`stages.${index}.name`]}
                    disabled={!canManage}
                    aria-label={t('deals.fields.stage')}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    value={stage.probability}
                    onChange={(value) => change(index, { probability: Number(value) || 0 })}
                    min={0}
                    max={100}
                    suffix="%"
                    error={errors[`stages.${index}.probability`]}
                    disabled={!canManage}
                    aria-label={t('deals.settings.probability')}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    data={kinds}
                    value={stage.kind}
                    onChange={(value) => change(index, { kind: (value as TStageKind | null) ?? 'open' })}
                    allowDeselect={false}
                    disabled={!canManage}
                    aria-label={t('deals.settings.kind')}
                  />
                </Table.Td>
                <Table.Td>
                  {canManage && (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                        aria-label={t('deals.settings.moveUp')}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        disabled={index === stages.length - 1}
                        onClick={() => move(index, 1)}
                        aria-label={t('deals.settings.moveDown')}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setStages((list) => list.filter((_, i) => i !== index))}
                        aria-label={t('deals.settings.removeStage')}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {canManage && (
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => setStages((list) => [...list, { name: '', probability: 50, kind: 'open' }])}
            >
              {t('deals.settings.addStage')}
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function SettingsPipelinesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { has } = usePermissions();
  const canManage = has('settings:manage');
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: listPipelines });
  const [selected, setSelected] = useState<string | null>(null);
  const idempotencyKey = useRef(crypto.randomUUID());
  const create = useMutation({
    mutationFn: () =>
      createPipeline(
        {
          name: t('deals.settings.newPipelineName'),
          stages: [
            { name: t('deals.settings.defaultStageFirst'), probability: 20, kind: 'open' },
            { name: t('deals.status.won'), probability: 100, kind: 'won' },
            { name: t('deals.status.lost'), probability: 0, kind: 'lost' },
          ],
        },
        idempotencyKey.current,
      ),
    onSuccess: (pipeline) => {
      idempotencyKey.current = crypto.randomUUID();
      setSelected(pipeline.id);
      void queryClient.invalidateQueries({ queryKey: ['pipelines'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
  });
  if (pipelines.isError)
    return <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  const list = pipelines.data?.data ?? [];
  const pipeline = list.find((p) => p.id === selected) ?? list[0];
  return (
    <Stack>
      <Group>
        <Select
          aria-label={t('deals.pipeline')}
          data={list.map((p) => ({ value: p.id, label: p.name }))}
          value={pipeline?.id ?? null}
          onChange={setSelected}
          allowDeselect={false}
          w={260}
        />
        {canManage && (
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => create.mutate()}
            loading={create.isPending}
          >
            {t('deals.settings.newPipeline')}
          </Button>
        )}
      </Group>
      {pipeline && (
        <PipelineEditor
          key={`${pipeline.id}-${pipeline.version}`}
          pipeline={pipeline}
          canManage={canManage}
        />
      )}
    </Stack>
  );
}
