import { ORDER_CHANNELS } from '@kap/shared';
import type { TFunction } from 'i18next';
import type { TFieldDef } from '../c360/person-fields.ts';

/**
 * Purchase stats as filter fields of the contact and company lists (the server resolves them through
 * the orders module's stats table). Filter-only: records do not carry them, so they are no columns.
 */
export function purchaseFilterFields(t: TFunction): TFieldDef[] {
  return [
    {
      id: 'lifetimeRevenue',
      label: t('orders.purchases.lifetimeRevenue'),
      kind: 'number',
      isSortable: false,
    },
    { id: 'orderCount', label: t('orders.purchases.orderCount'), kind: 'number', isSortable: false },
    {
      id: 'averageOrderValue',
      label: t('orders.purchases.averageOrderValue'),
      kind: 'number',
      isSortable: false,
    },
    { id: 'firstPurchaseAt', label: t('orders.purchases.firstPurchase'), kind: 'date', isSortable: false },
    { id: 'lastPurchaseAt', label: t('orders.purchases.lastPurchase'), kind: 'date', isSortable: false },
    {
      id: 'favouriteChannel',
      label: t('orders.purchases.favouriteChannel'),
      kind: 'select',
      options: ORDER_CHANNELS.map((c) => ({ value: c, label: t(`orders.channel.${c}`) })),
      isSortable: false,
    },
    {
      id: 'favouriteCategories',
      label: t('orders.purchases.favouriteCategories'),
      kind: 'multi',
      isSortable: false,
    },
  ];
}
