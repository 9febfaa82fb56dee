import type { TPerson } from '@kap/shared';
import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { personDisplayName } from '../people/person-name.ts';
import { getDuplicates } from './c360-api.ts';
import { MergeDialog } from './merge-dialog.tsx';

/** "Possible duplicates": silent when none, or when the server does not offer detection (404). */
export function DuplicatesCallout({ person, canMerge }: { person: TPerson; canMerge: boolean }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const query = useQuery({
    queryKey: ['duplicates', person.id, person.version],
    queryFn: () => getDuplicates(person.id),
    retry: (count, error) => !isApiError(error, 'NOT_FOUND') && count < 2,
  });
  const duplicates = query.data?.data ?? [];
  if (duplicates.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconCopy size={18} />}
      title={t('c360.duplicates.title')}
      data-testid="duplicates-callout"
    >
      <Stack gap="xs">
        {duplicates.map((d) => (
          <Group key={d.person.id} gap="xs" wrap="wrap">
            <Anchor component={Link} to={`/contacts/${d.person.id}`} size="sm" fw={600}>
              {personDisplayName(d.person, t)}
            </Anchor>
            {d.reasons.map((reason) => (
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
      {isOpen && (
        <MergeDialog
          opened={isOpen}
          onClose={() => setOpen(false)}
          survivor={person}
          others={duplicates.map((d) => d.person)}
        />
      )}
    </Alert>
  );
}
