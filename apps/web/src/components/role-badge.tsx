import type { TRole } from '@kap/shared';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const ROLE_COLORS: Record<TRole, string> = {
  owner: 'grape',
  admin: 'indigo',
  manager: 'blue',
  sales: 'teal',
  support: 'cyan',
  marketing: 'orange',
  viewer: 'gray',
};

export function RoleBadge({ role }: { role: TRole }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={ROLE_COLORS[role]} radius="sm">
      {t(`roles.${role}`)}
    </Badge>
  );
}
