import { OBJECT_TYPES, ROLE_RULES, ROLES, type TAccess } from '@kap/shared';
import { Group, Table, Text } from '@mantine/core';
import { IconEye, IconMinus, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '../../components/role-badge.tsx';

const ACCESS_STYLE: Record<TAccess, { color: string; icon: typeof IconEye }> = {
  write: { color: 'teal.8', icon: IconPencil },
  read: { color: 'blue.8', icon: IconEye },
  none: { color: 'gray.5', icon: IconMinus },
};

function AccessCell({ access }: { access: TAccess }) {
  const { t } = useTranslation();
  const { color, icon: Icon } = ACCESS_STYLE[access];
  return (
    <Group gap={5} wrap="nowrap" c={color}>
      <Icon size={15} />
      <Text size="sm" fw={access === 'none' ? 400 : 600} inherit>
        {t(`rolesPage.access.${access}`)}
      </Text>
    </Group>
  );
}

/** The role → object access matrix from @kap/shared, the same table the server enforces. */
export function PermissionMatrix() {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped withTableBorder data-testid="permission-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('rolesPage.role')}</Table.Th>
            {OBJECT_TYPES.map((type) => (
              <Table.Th key={type}>{t(`objects.${type}`)}</Table.Th>
            ))}
            <Table.Th>{t('rolesPage.scope')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROLES.map((role) => (
            <Table.Tr key={role} data-testid={`role-row-${role}`}>
              <Table.Td>
                <RoleBadge role={role} />
              </Table.Td>
              {OBJECT_TYPES.map((type) => {
                return (
                  <Table.Td key={type}>
                    <AccessCell access={ROLE_RULES[role].access[type]} />
                  </Table.Td>
                );
              })}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {t(`rolesPage.scopes.${ROLE_RULES[role].scope}`)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
