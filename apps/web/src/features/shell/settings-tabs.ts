import type { TCapability } from '@kap/shared';
import {
  IconAdjustments,
  IconForms,
  IconHistory,
  IconKey,
  IconMailForward,
  IconShieldLock,
  IconTimeline,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';

export type TSettingsTab =
  | 'profile'
  | 'members'
  | 'roles'
  | 'custom-fields'
  | 'contacts'
  | 'pipelines'
  | 'api-keys'
  | 'audit-log'
  | 'outbox';

export const SETTINGS_TABS: readonly {
  tab: TSettingsTab;
  icon: typeof IconUsers;
  /** Capability needed to see the tab at all; none means every member sees it. */
  capability?: TCapability;
}[] = [
  { tab: 'profile', icon: IconUserCircle },
  { tab: 'members', icon: IconUsers },
  { tab: 'roles', icon: IconShieldLock },
  { tab: 'custom-fields', icon: IconForms, capability: 'settings:manage' },
  { tab: 'contacts', icon: IconAdjustments, capability: 'settings:manage' },
  { tab: 'pipelines', icon: IconTimeline },
  { tab: 'api-keys', icon: IconKey, capability: 'apiKeys:manage' },
  { tab: 'audit-log', icon: IconHistory, capability: 'audit:read' },
  { tab: 'outbox', icon: IconMailForward, capability: 'settings:manage' },
];
