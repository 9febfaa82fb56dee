import { Card, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/use-format.ts';

type TCounts = { created: number; updated: number; skipped: number; rejected: number };

const ITEMS = [
  { key: 'created', color: 'teal' },
  { key: 'updated', color: 'blue' },
  { key: 'skipped', color: 'gray' },
  { key: 'rejected', color: 'red' },
] as const;

/** Created / updated / skipped / rejected, as four figures (preview, summary). */
export function OutcomeCounts({ counts }: { counts: TCounts }) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  return ITEMS.map(({ key, color }) => (
    <Card key={key} withBorder padding="sm" data-testid={`import-count-${key}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t(`imports.counts.${key}`)}
      </Text>
      <Text fz={26} fw={700} c={counts[key] > 0 ? color : 'dimmed'} data-value={counts[key]}>
        {formatNumber(counts[key])}
      </Text>
    </Card>
  ));
}
