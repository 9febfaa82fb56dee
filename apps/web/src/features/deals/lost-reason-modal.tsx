import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asked before a deal moves to a lost stage: the server requires the reason. */
export function LostReasonModal({
  opened,
  onCancel,
  onConfirm,
}: {
  opened: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={onCancel} title={t('deals.lostReason.title')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
          setReason('');
        }}
      >
        <Stack>
          <TextInput
            label={t('deals.lostReason.label')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
            required
            data-testid="lost-reason-input"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!reason.trim()} data-testid="lost-reason-confirm">
              {t('deals.lostReason.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
