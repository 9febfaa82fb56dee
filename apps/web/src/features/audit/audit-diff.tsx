import { Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './audit-diff.module.css';

type TSnapshot = Record<string, unknown> | null;

function render(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 1);
}

function isSame(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field before/after of one audit entry; unchanged fields are left out. */
export function AuditDiff({ before, after }: { before: TSnapshot; after: TSnapshot }) {
  const { t } = useTranslation();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (key) => !isSame(before?.[key], after?.[key]),
  );
  if (keys.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="sm">
        {t('audit.noChanges')}
      </Text>
    );
  }
  return (
    <Table className={classes.diff} withTableBorder withColumnBorders data-testid="audit-diff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">{t('audit.field')}</Table.Th>
          <Table.Th w="39%">{t('audit.before')}</Table.Th>
          <Table.Th w="39%">{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((key) => (
          <Table.Tr key={key}>
            <Table.Td>
              <Code>{key}</Code>
            </Table.Td>
            <Table.Td className={before && key in before ? classes.removed : undefined}>
              <pre className={classes.value}>{render(before?.[key])}</pre>
            </Table.Td>
            <Table.Td className={after && key in after ? classes.added : undefined}>
              <pre className={classes.value}>{render(after?.[key])}</pre>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
