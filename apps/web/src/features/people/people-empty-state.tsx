import { Button, Card, EmptyState } from '@mantine/core';
import { IconAddressBook, IconSearchOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type TPeopleEmptyStateProps = { search: string; onClearSearch: () => void; createButton: ReactNode };

export function PeopleEmptyState({ search, onClearSearch, createButton }: TPeopleEmptyStateProps) {
  const { t } = useTranslation();
  if (search) {
    return (
      <Card data-testid="people-empty">
        <EmptyState
          withIndicatorBackground
          icon={<IconSearchOff size={28} />}
          title={t('people.noMatchesTitle')}
          description={t('people.noMatchesDescription', { search })}
          py={48}
        >
          <EmptyState.Actions>
            <Button variant="default" onClick={onClearSearch}>
              {t('people.clearSearch')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Card>
    );
  }
  return (
    <Card data-testid="people-empty">
      <EmptyState
        variant="light"
        icon={<IconAddressBook size={28} />}
        title={t('people.emptyTitle')}
        description={t('people.emptyDescription')}
        py={48}
      >
        {createButton && <EmptyState.Actions>{createButton}</EmptyState.Actions>}
      </EmptyState>
    </Card>
  );
}
