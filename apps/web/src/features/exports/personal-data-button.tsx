import { Button } from '@mantine/core';
import { IconShieldDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { personalDataUrl } from './exports-api.ts';

/** "Download personal data (GDPR)": everything Kap holds about the person, as a zip. */
export function PersonalDataButton({ personId }: { personId: string }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={personalDataUrl(personId)}
      download
      variant="default"
      leftSection={<IconShieldDown size={16} />}
      title={t('exports.personalDataHint')}
      data-testid="personal-data-button"
    >
      {t('exports.personalData')}
    </Button>
  );
}
