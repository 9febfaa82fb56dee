import type {
  TCreateOrderRequest,
  TCreateRefundRequest,
  TCurrencySettings,
  TListOrdersQuery,
  TOrder,
  TOrderSummary,
  TProductSuggestion,
  TPurchaseStats,
  TRefund,
  TUpdateOrderRequest,
} from '@kap/shared';
import { apiRequest, type TListResponse } from '../../lib/api.ts';

const enc = encodeURIComponent;

export type TCustomerKind = 'people' | 'companies';
export type TOrderFilters = Partial<
  Pick<TListOrdersQuery, 'status' | 'channel' | 'personId' | 'companyId' | 'from' | 'to'>
>;

export const listOrders = (filters: TOrderFilters, cursor?: string, limit = 50, signal?: AbortSignal) =>
  apiRequest<TListResponse<TOrderSummary>>('/api/v1/orders', {
    query: { ...filters, cursor, limit },
    signal,
  });

export const getOrder = (id: string) => apiRequest<TOrder>(`/api/v1/orders/${enc(id)}`);

export const createRefund = (orderId: string, body: TCreateRefundRequest, idempotencyKey: string) =>
  apiRequest<{ refund: TRefund; order: TOrder }>(`/api/v1/orders/${enc(orderId)}/refunds`, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const getPurchaseStats = (kind: TCustomerKind, id: string) =>
  apiRequest<TPurchaseStats>(`/api/v1/${kind}/${enc(id)}/purchase-stats`);

export const getSuggestions = (kind: TCustomerKind, id: string) =>
  apiRequest<{ data: TProductSuggestion[] }>(`/api/v1/${kind}/${enc(id)}/suggestions`, {
    query: { limit: 5 },
  });

/**
 * A deal for a suggested product through the deals API (`POST /api/v1/deals`): the product as its
 * one line item, the customer attached; the pipeline and stage are the workspace's defaults.
 */
export const createDealForProduct = (
  body: {
    name: string;
    currency: string;
    personIds?: string[];
    companyId?: string;
    source: string;
    lineItems: { productId: string; quantity: string }[];
  },
  idempotencyKey: string,
) =>
  apiRequest<{ id: string }>('/api/v1/deals', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const createOrder = (body: TCreateOrderRequest, idempotencyKey: string) =>
  apiRequest<TOrder>('/api/v1/orders', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const updateOrder = (id: string, version: number, body: TUpdateOrderRequest) =>
  apiRequest<TOrder>(`/api/v1/orders/${enc(id)}`, {
    method: 'PATCH',
    body,
    headers: { 'If-Match': String(version) },
  });

export const getCurrencySettings = () => apiRequest<TCurrencySettings>('/api/v1/settings/base-currency');
