import { CAPABILITIES, hasCapability, ROLES } from '@kap/shared';
import { Table, ThemeIcon } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '../../components/role-badge.tsx';

export function CapabilityMatrix() {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped withTableBorder data-testid="capability-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('rolesPage.role')}</Table.Th>
            {CAPABILITIES.map((capability) => (
              <Table.Th key={capability}>{t(`capabilities.${capability}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROLES.map((role) => (
            <Table.Tr key={role}>
              <Table.Td>
                <RoleBadge role={role} />
              </Table.Td>
              {CAPABILITIES.map((capability) => {
                const isGranted = hasCapability(role, capability);
                return (
                  <Table.Td
                    key={capability}
                    aria-label={isGranted ? t('rolesPage.granted') : t('rolesPage.notGranted')}
                  >
                    <ThemeIcon
                      size="sm"
                      radius="xl"
                      variant={isGranted ? 'light' : 'transparent'}
                      color={isGranted ? 'teal' : 'gray'}
                    >
                      {isGranted ? <IconCheck size={13} /> : <IconMinus size={13} />}
                    </ThemeIcon>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
