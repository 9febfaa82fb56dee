import type { TCompany, TCustomField } from '@kap/shared';
import { Anchor, Avatar, Badge, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { TRecordColumn } from '../../components/record-table.tsx';
import { initialsOf } from '../../lib/initials.ts';
import type { TFieldDef } from './person-fields.ts';
import { CustomFieldValue, RecordName } from './record-name.tsx';

type TCtx = {
  t: TFunction;
  formatDate: (iso: string) => string;
  formatMoney: (amount: string, currency: string | null) => string;
  memberName: (id: string | null) => string;
  customFields: TCustomField[];
};

const SIZES: Record<string, number> = {
  name: 22,
  domains: 16,
  industry: 12,
  size: 9,
  tags: 12,
  createdAt: 12,
  updatedAt: 12,
};

function textCell(value: string | null | undefined, dimmed = false) {
  return (
    <Text size="sm" truncate c={dimmed ? 'dimmed' : undefined}>
      {value ?? ''}
    </Text>
  );
}

const listOf = (values: (string | null | undefined)[]) => [...new Set(values.filter(Boolean))].join(', ');

function cellOf(def: TFieldDef, company: TCompany, ctx: TCtx) {
  switch (def.id) {
    case 'name':
      return (
        <Group gap="sm" wrap="nowrap">
          <Avatar size={30} radius="sm" color="initials" name={company.name}>
            {initialsOf(company.name)}
          </Avatar>
          <Anchor
            component={Link}
            to={`/companies/${company.id}`}
            fw={600}
            size="sm"
            c="dark"
            truncate
            onClick={(e) => e.stopPropagation()}
            data-testid="company-row-link"
          >
            {company.name}
          </Anchor>
        </Group>
      );
    case 'domains':
      return textCell(company.domains.join(', '));
    case 'industry':
      return textCell(company.industry);
    case 'size':
      return company.size ? (
        <Badge variant="light" color="gray" tt="none">
          {company.size}
        </Badge>
      ) : null;
    case 'annualRevenue':
      return textCell(company.annualRevenue ? ctx.formatMoney(company.annualRevenue, company.currency) : '');
    case 'currency':
      return textCell(company.currency);
    case 'city':
      return textCell(listOf(company.addresses.map((a) => a.city)));
    case 'country':
      return textCell(listOf(company.addresses.map((a) => a.country)));
    case 'parentCompanyId':
      return company.parentCompanyId ? (
        <Text size="sm" truncate component="div">
          <RecordName type="company" id={company.parentCompanyId} />
        </Text>
      ) : null;
    case 'ownerId':
      return textCell(ctx.memberName(company.ownerId));
    case 'tags':
      return textCell(company.tags.join(', '));
    case 'createdAt':
    case 'updatedAt':
      return textCell(ctx.formatDate(company[def.id]), true);
    default: {
      const key = def.id.replace(/^customFields\./, '');
      const field = ctx.customFields.find((f) => f.key === key);
      return field ? (
        <Text size="sm" truncate component="div">
          <CustomFieldValue field={field} value={company.customFields[key]} />
        </Text>
      ) : null;
    }
  }
}

/** The chosen columns of the companies table, in the chosen order. */
export function buildCompanyRecordColumns(
  defs: TFieldDef[],
  ids: string[],
  ctx: TCtx,
): TRecordColumn<TCompany>[] {
  return ids.flatMap((id) => {
    const def = defs.find((d) => d.id === id);
    if (!def) return [];
    return [
      {
        id: def.id,
        header: def.label,
        size: SIZES[def.id] ?? 12,
        isSortable: def.isSortable,
        cell: ({ row }) => cellOf(def, row.original, ctx),
      } satisfies TRecordColumn<TCompany>,
    ];
  });
}
