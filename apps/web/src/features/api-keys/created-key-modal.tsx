import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TCreatedApiKey } from './api-keys-api.ts';

/** The only time the secret is ever visible: the server stores just its hash. */
export function CreatedKeyModal({ apiKey, onClose }: { apiKey: TCreatedApiKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={apiKey !== null}
      onClose={onClose}
      title={t('apiKeys.createdTitle', { name: apiKey?.name ?? '' })}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {apiKey && (
        <Stack gap="md">
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={t('apiKeys.onceTitle')}
          >
            {t('apiKeys.onceMessage')}
          </Alert>
          <Code
            block
            data-testid="created-api-key"
            style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 14 }}
          >
            {apiKey.key}
          </Code>
          <Text size="xs" c="dimmed">
            {t('apiKeys.usage')}
          </Text>
          <Group justify="space-between">
            <CopyButton value={apiKey.key}>
              {({ copied, copy }) => (
                <Button
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                  data-testid="copy-api-key"
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose} data-testid="close-created-key">
              {t('apiKeys.stored')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
