import type { TCreateProductRequest, TListProductsQuery, TProduct, TUpdateProductRequest } from '@kap/shared';
import { apiRequest, type TListResponse } from '../../lib/api.ts';

const enc = encodeURIComponent;

export type TProductFilters = Partial<Pick<TListProductsQuery, 'q' | 'category' | 'isActive'>>;

export const listProducts = (filters: TProductFilters, cursor?: string, signal?: AbortSignal) =>
  apiRequest<TListResponse<TProduct>>('/api/v1/products', {
    query: { q: filters.q, category: filters.category, isActive: filters.isActive, cursor, limit: 50 },
    signal,
  });

export const listProductCategories = () => apiRequest<{ data: string[] }>('/api/v1/products/categories');

export const createProduct = (body: TCreateProductRequest, idempotencyKey: string) =>
  apiRequest<TProduct>('/api/v1/products', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const updateProduct = (id: string, version: number, body: TUpdateProductRequest) =>
  apiRequest<TProduct>(`/api/v1/products/${enc(id)}`, {
    method: 'PATCH',
    body,
    headers: { 'If-Match': String(version) },
  });
