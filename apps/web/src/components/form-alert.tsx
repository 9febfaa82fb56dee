import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Form-level error message, announced to screen readers. */
export function FormAlert({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={title}
      role="alert"
      data-testid="form-error"
    >
      {children}
    </Alert>
  );
}
