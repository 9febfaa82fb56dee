import { Anchor, Breadcrumbs, Button, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NoAccess } from '../components/no-access.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { ImportWizard } from '../features/imports/import-wizard.tsx';
import { ImportsList } from '../features/imports/imports-list.tsx';

/** /imports: past and running imports, and "New import". */
export function ImportsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  if (!permissions.has('import')) return <NoAccess />;
  return (
    <Stack gap="md">
      <PageHeader
        title={t('imports.title')}
        description={t('imports.description')}
        actions={
          <Button
            component={Link}
            to="/imports/new"
            leftSection={<IconPlus size={16} />}
            data-testid="new-import-button"
          >
            {t('imports.new')}
          </Button>
        }
      />
      <ImportsList />
    </Stack>
  );
}

/** /imports/new and /imports/:importId: the wizard, at the import's step. */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const { importId } = useParams();
  if (!permissions.has('import')) return <NoAccess />;
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/imports" size="sm">
          {t('imports.title')}
        </Anchor>
        <span>{importId ? t('imports.wizard.title') : t('imports.new')}</span>
      </Breadcrumbs>
      <PageHeader title={importId ? t('imports.wizard.title') : t('imports.new')} />
      <ImportWizard importId={importId ?? null} />
    </Stack>
  );
}
