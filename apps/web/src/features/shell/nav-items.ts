import {
  IconAddressBook,
  IconBuildingSkyscraper,
  IconChartBar,
  IconChartPie,
  IconChecklist,
  IconCoin,
  IconFileImport,
  IconPackage,
  IconReceipt,
  IconSettings,
  IconSpeakerphone,
  IconTicket,
} from '@tabler/icons-react';

export type TSection =
  | 'contacts'
  | 'companies'
  | 'deals'
  | 'orders'
  | 'products'
  | 'tickets'
  | 'campaigns'
  | 'segments'
  | 'analytics'
  | 'imports'
  | 'tasks'
  | 'settings';

export const MAIN_NAV: readonly { section: TSection; path: string; icon: typeof IconAddressBook }[] = [
  { section: 'contacts', path: '/contacts', icon: IconAddressBook },
  { section: 'companies', path: '/companies', icon: IconBuildingSkyscraper },
  { section: 'tasks', path: '/tasks', icon: IconChecklist },
  { section: 'deals', path: '/deals', icon: IconCoin },
  { section: 'orders', path: '/orders', icon: IconReceipt },
  { section: 'products', path: '/products', icon: IconPackage },
  { section: 'tickets', path: '/tickets', icon: IconTicket },
  { section: 'campaigns', path: '/campaigns', icon: IconSpeakerphone },
  { section: 'segments', path: '/segments', icon: IconChartPie },
  { section: 'analytics', path: '/analytics', icon: IconChartBar },
  { section: 'imports', path: '/imports', icon: IconFileImport },
];

export const SETTINGS_NAV = { section: 'settings', path: '/settings', icon: IconSettings } as const;
