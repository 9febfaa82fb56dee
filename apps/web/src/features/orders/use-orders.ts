import { useQuery } from '@tanstack/react-query';
import { getOrder, getPurchaseStats, getSuggestions, listOrders, type TCustomerKind } from './orders-api.ts';

export const useOrder = (id: string) =>
  useQuery({ queryKey: ['orders', 'one', id], queryFn: () => getOrder(id) });

export const usePurchaseStats = (kind: TCustomerKind, id: string) =>
  useQuery({ queryKey: ['orders', 'stats', kind, id], queryFn: () => getPurchaseStats(kind, id) });

export const useRecentOrders = (kind: TCustomerKind, id: string) =>
  useQuery({
    queryKey: ['orders', 'recent', kind, id],
    queryFn: () => listOrders(kind === 'people' ? { personId: id } : { companyId: id }, undefined, 5),
  });

export const useSuggestions = (kind: TCustomerKind, id: string) =>
  useQuery({ queryKey: ['orders', 'suggestions', kind, id], queryFn: () => getSuggestions(kind, id) });
