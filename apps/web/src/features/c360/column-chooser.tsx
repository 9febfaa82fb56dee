import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TFieldDef } from './person-fields.ts';

/** Pick which columns show and in what order; `value` is the ordered list of shown ids. */
export function ColumnChooser({
  fields,
  value,
  onChange,
}: {
  fields: TFieldDef[];
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const shown = value.filter((id) => fields.some((f) => f.id === id));
  const hidden = fields.filter((f) => !shown.includes(f.id));
  const move = (index: number, delta: number) => {
    const next = [...shown];
    const [id] = next.splice(index, 1);
    if (id) next.splice(index + delta, 0, id);
    onChange(next);
  };
  return (
    <Popover position="bottom-end" width={300} shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="columns-button">
          {t('c360.list.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="columns-menu">
        <ScrollArea.Autosize mah={380}>
          <Stack gap={4}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              {t('c360.list.shown')}
            </Text>
            {shown.map((id, i) => {
              const def = fields.find((f) => f.id === id);
              return (
                <Group key={id} gap={4} wrap="nowrap" justify="space-between">
                  <Checkbox
                    size="xs"
                    checked
                    disabled={shown.length <= 1}
                    label={def?.label ?? id}
                    onChange={() => onChange(shown.filter((x) => x !== id))}
                  />
                  <Group gap={0} wrap="nowrap">
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                      aria-label={t('c360.settings.moveUp')}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      disabled={i === shown.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={t('c360.settings.moveDown')}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Group>
                </Group>
              );
            })}
            {hidden.length > 0 && (
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="xs">
                {t('c360.list.hidden')}
              </Text>
            )}
            {hidden.map((f) => (
              <Checkbox
                key={f.id}
                size="xs"
                checked={false}
                label={f.label}
                onChange={() => onChange([...shown, f.id])}
                data-testid={`column-${f.id}`}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
