import { Button, Card, EmptyState } from '@mantine/core';
import { IconAddressBook, IconPlus, IconSearchOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type TPeopleEmptyStateProps = { search: string; onClearSearch: () => void; canCreate: boolean };

export function PeopleEmptyState({ search, onClearSearch, canCreate }: TPeopleEmptyStateProps) {
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
        {canCreate && (
          <EmptyState.Actions>
            {/* Its own test id: the header keeps `create-person-button`, so tests find exactly one. */}
            <Button
              component={Link}
              to="/contacts/new"
              variant="light"
              leftSection={<IconPlus size={16} />}
              data-testid="create-person-empty-button"
            >
              {t('people.create')}
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    </Card>
  );
}
