import { ACTIVITY_TYPES, CHANNELS, type TActivityType, type TTimelineItem } from '@kap/shared';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Chip,
  Group,
  Loader,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
  Typography,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBold,
  IconBolt,
  IconChecklist,
  IconHistory,
  IconItalic,
  IconList,
  IconMail,
  IconMessage,
  IconNote,
  IconPhone,
} from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { createActivity, getTimeline, type TRecordKind, timelineQueryKey } from './c360-api.ts';
import { toActivityHtml, wrapSelection } from './rich-text.ts';

const KINDS = ['activity', 'task', 'event', 'change'] as const;
const COMPOSER_TYPES = ['note', 'call', 'email'] as const;

function KindIcon({ item }: { item: TTimelineItem }) {
  const type = item.data.type;
  let icon = <IconHistory size={16} />;
  let color = 'gray';
  if (item.kind === 'task') {
    icon = <IconChecklist size={16} />;
    color = 'grape';
  } else if (item.kind === 'event') {
    icon = <IconBolt size={16} />;
    color = 'orange';
  } else if (item.kind === 'activity') {
    color = 'indigo';
    icon =
      type === 'call' ? (
        <IconPhone size={16} />
      ) : type === 'email' ? (
        <IconMail size={16} />
      ) : type === 'note' ? (
        <IconNote size={16} />
      ) : (
        <IconMessage size={16} />
      );
  }
  return (
    <ThemeIcon variant="light" color={color} radius="xl" size={32}>
      {icon}
    </ThemeIcon>
  );
}

function isActivityType(value: unknown): value is TActivityType {
  return typeof value === 'string' && (ACTIVITY_TYPES as readonly string[]).includes(value);
}

/** Record keys whose label lives under another name. */
const FIELD_ALIASES: Record<string, string> = {
  companyIds: 'companies',
  primaryCompanyId: 'primaryCompany',
  parentCompanyId: 'parent',
  annualRevenue: 'revenue',
};

function TimelineEntry({ item }: { item: TTimelineItem }) {
  const { t } = useTranslation();
  /** A changed field by its label where the app has one (people and company fields), else its key. */
  const fieldLabel = (key: string) => {
    const name = FIELD_ALIASES[key] ?? key.replace(/^customFields\./, '');
    for (const prefix of ['c360.mergeField', 'fields', 'c360.fields', 'c360.company']) {
      const label = t(`${prefix}.${name}` as 'fields.name', { defaultValue: '' });
      if (label && typeof label === 'string') return label;
    }
    return name;
  };
  const { formatDateTime, formatRelative } = useFormat();
  const type = item.data.type;
  const subject = typeof item.data.subject === 'string' ? item.data.subject : null;
  let title = item.title;
  if (item.kind === 'activity')
    title = subject ?? (isActivityType(type) ? t(`c360.activityType.${type}`) : title);
  const action = typeof item.data.action === 'string' ? item.data.action : '';
  if (item.kind === 'change') {
    const verb = action.split('.').at(-1);
    title =
      verb === 'merge'
        ? t('c360.timeline.merged')
        : verb === 'create'
          ? t('c360.timeline.created')
          : t('c360.timeline.changed');
  }
  const changedFields = Array.isArray(item.data.changes)
    ? (item.data.changes as { field: string }[]).map((c) => fieldLabel(c.field))
    : [];
  const body = item.kind === 'activity' && typeof item.data.body === 'string' ? item.data.body : null;
  return (
    <Group
      align="flex-start"
      wrap="nowrap"
      gap="sm"
      data-testid="timeline-item"
      data-kind={item.kind}
      data-action={action || undefined}
    >
      <KindIcon item={item} />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          <Badge size="xs" variant="light" color="gray">
            {t(`c360.kindOne.${item.kind as (typeof KINDS)[number]}`, { defaultValue: item.kind })}
          </Badge>
          {item.channel && (item.kind === 'activity' || item.kind === 'event') && (
            <Badge size="xs" variant="dot" color="indigo">
              {t(`c360.channel.${item.channel as (typeof CHANNELS)[number]}`, { defaultValue: item.channel })}
            </Badge>
          )}
        </Group>
        {body ? (
          // The server sanitises activity bodies to a safe subset of HTML before storing them.
          <Typography fz="sm" p={0}>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side */}
            <div dangerouslySetInnerHTML={{ __html: body }} />
          </Typography>
        ) : (
          item.summary && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {item.kind === 'change'
                ? action.endsWith('.create')
                  ? t('c360.timeline.setFields', { fields: changedFields.join(', ') })
                  : t('c360.timeline.changedFields', { fields: changedFields.join(', ') })
                : item.summary}
            </Text>
          )
        )}
        <Text size="xs" c="dimmed" title={formatDateTime(item.occurredAt)}>
          {formatRelative(item.occurredAt)}
          {item.actor?.name ? ` · ${item.actor.name}` : ''}
        </Text>
      </Stack>
    </Group>
  );
}

function Composer({ record, recordId }: { record: TRecordKind; recordId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [type, setType] = useState<(typeof COMPOSER_TYPES)[number]>('note');
  const [direction, setDirection] = useState<'in' | 'out'>('out');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const mutation = useMutation({
    mutationFn: () =>
      createActivity({
        type,
        direction: type === 'note' ? undefined : direction,
        subject: subject.trim() || null,
        body: toActivityHtml(text),
        ...(record === 'people' ? { personIds: [recordId] } : { companyIds: [recordId] }),
      }),
    onSuccess: () => {
      setText('');
      setSubject('');
      void queryClient.invalidateQueries({ queryKey: ['timeline', record, recordId] });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: t('c360.timeline.addFailed'),
        message: describeError(error, t),
      }),
  });
  const format = (before: string, after?: string) => {
    const area = ref.current;
    if (!area) return;
    const next = wrapSelection(area, text, before, after);
    setText(next.value);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(...next.caret);
    });
  };
  const canSubmit = text.trim().length > 0 || subject.trim().length > 0;
  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSubmit) mutation.mutate();
      }}
      data-testid="timeline-composer"
    >
      <Group gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={type}
          onChange={(value) => setType(value as typeof type)}
          data={COMPOSER_TYPES.map((value) => ({ value, label: t(`c360.activityType.${value}`) }))}
          data-testid="composer-type"
        />
        {type !== 'note' && (
          <SegmentedControl
            size="xs"
            value={direction}
            onChange={(value) => setDirection(value as 'in' | 'out')}
            data={[
              { value: 'out', label: t('c360.timeline.outbound') },
              { value: 'in', label: t('c360.timeline.inbound') },
            ]}
          />
        )}
      </Group>
      {type !== 'note' && (
        <TextInput
          size="sm"
          placeholder={t('c360.timeline.subject')}
          aria-label={t('c360.timeline.subject')}
          value={subject}
          onChange={(event) => setSubject(event.currentTarget.value)}
        />
      )}
      <Group gap={4}>
        <Tooltip label={t('c360.timeline.bold')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('c360.timeline.bold')}
            onClick={() => format('**')}
          >
            <IconBold size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('c360.timeline.italic')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('c360.timeline.italic')}
            onClick={() => format('_')}
          >
            <IconItalic size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('c360.timeline.list')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('c360.timeline.list')}
            onClick={() => format(text && !text.endsWith('\n') ? '\n- ' : '- ', '')}
          >
            <IconList size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Textarea
        ref={ref}
        autosize
        minRows={2}
        maxRows={10}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && canSubmit) mutation.mutate();
        }}
        placeholder={t('c360.timeline.placeholder')}
        aria-label={t('c360.timeline.placeholder')}
        data-testid="timeline-body"
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('c360.timeline.formatHint')}
        </Text>
        <Button
          type="submit"
          size="xs"
          loading={mutation.isPending}
          disabled={!canSubmit}
          data-testid="timeline-submit"
        >
          {t('c360.timeline.add')}
        </Button>
      </Group>
    </Stack>
  );
}

export function TimelinePanel({ record, recordId }: { record: TRecordKind; recordId: string }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<string[]>([]);
  const [channels, setChannels] = useState<string[]>([]);
  const query = useInfiniteQuery({
    queryKey: timelineQueryKey(record, recordId, kinds, channels),
    queryFn: ({ pageParam }) => getTimeline(record, recordId, { kinds, channels, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <Card data-testid="timeline">
      <Stack gap="md">
        <Title order={2} fz="md">
          {t('c360.timeline.title')}
        </Title>
        <Composer record={record} recordId={recordId} />
        <Stack gap={6}>
          <Chip.Group multiple value={kinds} onChange={setKinds}>
            <Group gap={6} wrap="wrap" aria-label={t('c360.timeline.filterKinds')} role="group">
              {KINDS.map((kind) => (
                <Chip key={kind} value={kind} size="xs" data-testid={`timeline-kind-${kind}`}>
                  {t(`c360.kind.${kind}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Chip.Group multiple value={channels} onChange={setChannels}>
            <Group gap={6} wrap="wrap" aria-label={t('c360.timeline.filterChannels')} role="group">
              {CHANNELS.map((channel) => (
                <Chip key={channel} value={channel} size="xs" variant="outline" color="indigo">
                  {t(`c360.channel.${channel}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
        {query.isPending ? (
          <Stack gap="sm" data-testid="timeline-loading">
            <Skeleton h={48} />
            <Skeleton h={48} />
            <Skeleton h={48} />
          </Stack>
        ) : query.isError ? (
          <Alert color="red" title={t('c360.timeline.loadFailed')}>
            {describeError(query.error, t)}{' '}
            <Button size="xs" variant="subtle" onClick={() => void query.refetch()}>
              {t('common.retry')}
            </Button>
          </Alert>
        ) : items.length === 0 ? (
          <Text c="dimmed" size="sm" ta="center" py="md" data-testid="timeline-empty">
            {t('c360.timeline.empty')}
          </Text>
        ) : (
          <Stack gap="md">
            {items.map((item) => (
              <TimelineEntry key={`${item.kind}:${item.id}`} item={item} />
            ))}
            <div ref={sentinel} />
            {isFetchingNextPage && (
              <Center>
                <Loader size="sm" />
              </Center>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
