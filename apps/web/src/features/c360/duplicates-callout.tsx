import type { TCompany, TPerson } from '@kap/shared';
import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { personDisplayName } from '../people/person-name.ts';
import { getCompanyDuplicates, getDuplicates } from './c360-api.ts';
import { CompanyMergeDialog, MergeDialog } from './merge-dialog.tsx';

type TItem = { id: string; name: string; href: string; reasons: string[] };

const retryUnlessMissing = (count: number, error: unknown) => !isApiError(error, 'NOT_FOUND') && count < 2;

/** "Possible duplicates" of a person or company: the list, and the merge dialog behind a button. */
function DuplicatesAlert({
  items,
  canMerge,
  dialog,
}: {
  items: TItem[];
  canMerge: boolean;
  dialog: (close: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  if (items.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconCopy size={18} />}
      title={t('c360.duplicates.title')}
      data-testid="duplicates-callout"
    >
      <Stack gap="xs">
        {items.map((item) => (
          <Group key={item.id} gap="xs" wrap="wrap" data-testid="duplicate-item">
            <Anchor component={Link} to={item.href} size="sm" fw={600}>
              {item.name}
            </Anchor>
            {item.reasons.map((reason) => (
              <Badge key={reason} size="xs" variant="outline" color="yellow">
                {t(`c360.duplicates.reason.${reason as 'email'}`, { defaultValue: reason })}
              </Badge>
            ))}
          </Group>
        ))}
        {canMerge && (
          <Group>
            <Button
              size="xs"
              color="yellow"
              variant="filled"
              onClick={() => setOpen(true)}
              data-testid="open-merge"
            >
              {t('c360.duplicates.review')}
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {t('c360.duplicates.hint')}
        </Text>
      </Stack>
      {isOpen && dialog(() => setOpen(false))}
    </Alert>
  );
}

/** A person's possible duplicates: silent when none, or when the server does not offer detection (404). */
export function DuplicatesCallout({ person, canMerge }: { person: TPerson; canMerge: boolean }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['duplicates', person.id, person.version],
    queryFn: () => getDuplicates(person.id),
    retry: retryUnlessMissing,
  });
  const duplicates = query.data?.data ?? [];
  return (
    <DuplicatesAlert
      items={duplicates.map((d) => ({
        id: d.person.id,
        name: personDisplayName(d.person, t),
        href: `/contacts/${d.person.id}`,
        reasons: d.reasons,
      }))}
      canMerge={canMerge}
      dialog={(close) => (
        <MergeDialog opened onClose={close} survivor={person} others={duplicates.map((d) => d.person)} />
      )}
    />
  );
}

/** A company's possible duplicates (same domain, very similar name). */
export function CompanyDuplicatesCallout({ company, canMerge }: { company: TCompany; canMerge: boolean }) {
  const query = useQuery({
    queryKey: ['company-duplicates', company.id, company.version],
    queryFn: () => getCompanyDuplicates(company.id),
    retry: retryUnlessMissing,
  });
  const duplicates = query.data?.data ?? [];
  return (
    <DuplicatesAlert
      items={duplicates.map((d) => ({
        id: d.company.id,
        name: d.company.name,
        href: `/companies/${d.company.id}`,
        reasons: d.reasons,
      }))}
      canMerge={canMerge}
      dialog={(close) => (
        <CompanyMergeDialog
          opened
          onClose={close}
          survivor={company}
          others={duplicates.map((d) => d.company)}
        />
      )}
    />
  );
}
