import {
  Box,
  Group,
  Kbd,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconSearch, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { listPeople } from '../people/people-api.ts';
import { personDisplayName, primaryOf } from '../people/person-name.ts';
import { listCompanies, search, type TSearchHit } from './c360-api.ts';

const TYPE_ORDER = ['person', 'company'] as const;

/**
 * Global search. Uses `GET /api/v1/search`; while a server does not offer it (404), falls back to
 * the people and companies lists' own `q` matching so the box still works.
 */
async function runSearch(
  q: string,
  signal: AbortSignal,
  t: Parameters<typeof personDisplayName>[1],
): Promise<TSearchHit[]> {
  try {
    return (await search(q, signal)).data;
  } catch (error) {
    if (!isApiError(error, 'NOT_FOUND')) throw error;
    const [people, companies] = await Promise.all([
      listPeople({ q, sort: '-updatedAt', signal }),
      listCompanies({ q, limit: 10 }),
    ]);
    return [
      ...people.data.slice(0, 10).map((p) => ({
        type: 'person',
        id: p.id,
        title: personDisplayName(p, t),
        subtitle: primaryOf(p.emails)?.email ?? primaryOf(p.phones)?.number ?? null,
      })),
      ...companies.data.map((c) => ({
        type: 'company',
        id: c.id,
        title: c.name,
        subtitle: c.domains[0] ?? null,
      })),
    ];
  }
}

export function SearchModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 150);
  const [active, setActive] = useState(0);
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => runSearch(q, signal, t),
    enabled: opened && q.length > 0,
    placeholderData: (previous) => previous,
  });
  const hits = useMemo(() => {
    const data = q ? (query.data ?? []) : [];
    return TYPE_ORDER.flatMap((type) => data.filter((h) => h.type === type)).concat(
      data.filter((h) => !TYPE_ORDER.includes(h.type as 'person')),
    );
  }, [query.data, q]);
  // A new result list starts at its first entry.
  const resultsKey = hits.map((h) => h.id).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: resultsKey is the trigger, not an input
  useEffect(() => setActive(0), [resultsKey]);
  useEffect(() => {
    if (!opened) setText('');
  }, [opened]);

  const open = (hit: TSearchHit) => {
    onClose();
    void navigate(hit.type === 'company' ? `/companies/${hit.id}` : `/contacts/${hit.id}`);
  };

  let index = -1;
  const groups = TYPE_ORDER.map((type) => ({ type, items: hits.filter((h) => h.type === type) })).filter(
    (g) => g.items.length > 0,
  );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      withCloseButton={false}
      size="lg"
      padding={0}
      yOffset="10vh"
      data-testid="search-modal"
      title={null}
    >
      <TextInput
        data-autofocus
        size="lg"
        variant="unstyled"
        px="md"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        placeholder={t('c360.search.placeholder')}
        aria-label={t('c360.search.placeholder')}
        leftSection={query.isFetching ? <Loader size={16} /> : <IconSearch size={18} />}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="global-search-results"
        aria-activedescendant={hits[active] ? `search-hit-${active}` : undefined}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (event.key === 'Enter') {
            const hit = hits[active];
            if (hit) open(hit);
          }
        }}
        data-testid="search-input"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      />
      <ScrollArea.Autosize mah="55vh" type="auto">
        <Box p="xs" id="global-search-results" role="listbox" aria-label={t('c360.search.results')}>
          {!q ? (
            <Text size="sm" c="dimmed" p="sm">
              {t('c360.search.hint')}
            </Text>
          ) : query.isError ? (
            <Text size="sm" c="red" p="sm">
              {describeError(query.error, t)}
            </Text>
          ) : query.isPending ? (
            <Text size="sm" c="dimmed" p="sm">
              {t('common.loading')}
            </Text>
          ) : hits.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm" data-testid="search-empty">
              {t('c360.search.noResults', { q })}
            </Text>
          ) : (
            groups.map((group) => (
              <Stack key={group.type} gap={2} mb="xs">
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={4}>
                  {group.type === 'person' ? t('nav.contacts') : t('nav.companies')}
                </Text>
                {group.items.map((hit) => {
                  index += 1;
                  const i = index;
                  return (
                    <UnstyledButton
                      key={`${hit.type}:${hit.id}`}
                      id={`search-hit-${i}`}
                      role="option"
                      aria-selected={i === active}
                      onMouseEnter={() => setActive(i)}
                      onClick={() => open(hit)}
                      px="sm"
                      py={6}
                      style={{
                        borderRadius: 6,
                        background: i === active ? 'var(--mantine-color-indigo-light)' : undefined,
                      }}
                      data-testid="search-result"
                      data-type={hit.type}
                    >
                      <Group gap="sm" wrap="nowrap">
                        {hit.type === 'company' ? (
                          <IconBuildingSkyscraper size={18} />
                        ) : (
                          <IconUser size={18} />
                        )}
                        <Stack gap={0} style={{ minWidth: 0 }}>
                          <Text size="sm" fw={600} truncate>
                            {hit.title}
                          </Text>
                          {hit.subtitle && (
                            <Text size="xs" c="dimmed" truncate>
                              {hit.subtitle}
                            </Text>
                          )}
                        </Stack>
                      </Group>
                    </UnstyledButton>
                  );
                })}
              </Stack>
            ))
          )}
        </Box>
      </ScrollArea.Autosize>
      <Group gap="md" px="md" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('c360.search.navigate')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Enter</Kbd> {t('c360.search.open')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Esc</Kbd> {t('c360.search.close')}
        </Text>
      </Group>
    </Modal>
  );
}

/** Header button + Ctrl/Cmd-K. */
export function useSearchHotkey(open: () => void) {
  useHotkeys([['mod+K', open]], []);
}
