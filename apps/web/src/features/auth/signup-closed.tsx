import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthLayout } from '../../components/auth-layout.tsx';

export function SignupClosed() {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('signup.closedTitle')}>
      <Stack gap="lg" data-testid="signup-closed">
        <Text size="sm">{t('signup.closedMessage')}</Text>
        <Button component={Link} to="/login" variant="light">
          {t('signup.loginLink')}
        </Button>
      </Stack>
    </AuthLayout>
  );
}
