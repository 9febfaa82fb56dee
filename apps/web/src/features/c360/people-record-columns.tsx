import type { TCustomField, TPerson } from '@kap/shared';
import { Anchor, Avatar, Badge, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { TRecordColumn } from '../../components/record-table.tsx';
import { initialsOf } from '../../lib/initials.ts';
import { personDisplayName, primaryOf } from '../people/person-name.ts';
import type { TFieldDef } from './person-fields.ts';
import { CustomFieldValue } from './record-name.tsx';

type TCtx = {
  t: TFunction;
  formatDate: (iso: string) => string;
  stageLabel: (key: string | null) => string;
  memberName: (id: string | null) => string;
  customFields: TCustomField[];
};

const SIZES: Record<string, number> = {
  firstName: 18,
  lastName: 14,
  emails: 20,
  phones: 14,
  tags: 16,
  lifecycleStage: 15,
  createdAt: 13,
  updatedAt: 13,
};

function textCell(value: string | null | undefined, dimmed = false) {
  return (
    <Text size="sm" truncate c={dimmed ? 'dimmed' : undefined}>
      {value ?? ''}
    </Text>
  );
}

function cellOf(def: TFieldDef, person: TPerson, ctx: TCtx) {
  const { t } = ctx;
  switch (def.id) {
    case 'firstName':
      return (
        <Group gap="sm" wrap="nowrap">
          <Avatar size={30} radius="xl" color="initials" name={personDisplayName(person, t)}>
            {initialsOf(personDisplayName(person, t))}
          </Avatar>
          <Anchor
            component={Link}
            to={`/contacts/${person.id}`}
            fw={600}
            size="sm"
            c="dark"
            truncate
            aria-label={personDisplayName(person, t)}
            onClick={(e) => e.stopPropagation()}
            data-testid="people-row-link"
          >
            {person.firstName || (person.lastName ? '—' : personDisplayName(person, t))}
          </Anchor>
        </Group>
      );
    case 'lastName':
      return (
        <Text size="sm" fw={500} truncate>
          {person.lastName ?? ''}
        </Text>
      );
    case 'displayName':
      return textCell(person.displayName);
    case 'emails':
      return textCell(primaryOf(person.emails)?.email);
    case 'phones':
      return textCell(primaryOf(person.phones)?.number);
    case 'lifecycleStage':
      return person.lifecycleStage ? (
        <Badge variant="light" size="sm" tt="none">
          {ctx.stageLabel(person.lifecycleStage)}
        </Badge>
      ) : null;
    case 'tags':
      return textCell(person.tags.join(', '));
    case 'interests':
      return textCell(person.interests.join(', '));
    case 'ownerId':
      return textCell(ctx.memberName(person.ownerId));
    case 'createdAt':
    case 'updatedAt':
      return textCell(ctx.formatDate(person[def.id]), true);
    case 'birthDate':
      return textCell(person.birthDate);
    case 'preferredChannel':
      return textCell(
        person.preferredChannel ? def.options?.find((o) => o.value === person.preferredChannel)?.label : '',
      );
    case 'jobTitle':
    case 'leadSource':
    case 'gender':
    case 'timezone':
    case 'preferredLanguage':
      return textCell(person[def.id]);
    default: {
      const key = def.id.replace(/^customFields\./, '');
      const field = ctx.customFields.find((f) => f.key === key);
      return field ? (
        <Text size="sm" truncate component="div">
          <CustomFieldValue field={field} value={person.customFields[key]} />
        </Text>
      ) : null;
    }
  }
}

export function buildPeopleRecordColumns(
  defs: TFieldDef[],
  ids: string[],
  ctx: TCtx,
): TRecordColumn<TPerson>[] {
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
      } satisfies TRecordColumn<TPerson>,
    ];
  });
}
