import type {
  TBoardSummary,
  TCreateDealRequest,
  TCreatePipelineRequest,
  TCreateViewRequest,
  TDeal,
  TForecast,
  TPipeline,
  TStageHistoryEntry,
  TTimelineItem,
  TUpdateDealRequest,
  TUpdatePipelineRequest,
  TView,
} from '@kap/shared';
import { apiRequest, type TListResponse } from '../../lib/api.ts';
import type { TFilter as TBuilderFilter } from '../c360/c360-api.ts';

const enc = encodeURIComponent;

export const listPipelines = () => apiRequest<{ data: TPipeline[] }>('/api/v1/pipelines');

export const updatePipeline = (id: string, version: number, body: TUpdatePipelineRequest) =>
  apiRequest<TPipeline>(`/api/v1/pipelines/${enc(id)}`, {
    method: 'PATCH',
    body,
    headers: { 'If-Match': `"${version}"` },
  });

export const getBoardSummary = (pipelineId: string) =>
  apiRequest<TBoardSummary>(`/api/v1/pipelines/${enc(pipelineId)}/summary`);

export function listDeals(
  params: {
    pipelineId?: string;
    filter?: string;
    viewId?: string;
    stageId?: string;
    personId?: string;
    companyId?: string;
    q?: string;
    sort?: string;
    cursor?: string;
    limit?: number;
  },
  signal?: AbortSignal,
) {
  return apiRequest<TListResponse<TDeal>>('/api/v1/deals', { query: { limit: 100, ...params }, signal });
}

export const getDeal = (id: string) => apiRequest<TDeal>(`/api/v1/deals/${enc(id)}`);

export const createDeal = (body: TCreateDealRequest, idempotencyKey: string) =>
  apiRequest<TDeal>('/api/v1/deals', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export const updateDeal = (id: string, version: number, body: TUpdateDealRequest) =>
  apiRequest<TDeal>(`/api/v1/deals/${enc(id)}`, {
    method: 'PATCH',
    body,
    headers: { 'If-Match': `"${version}"` },
  });

export const moveDeal = (id: string, version: number, stageId: string, lostReason?: string) =>
  apiRequest<TDeal>(`/api/v1/deals/${enc(id)}/move`, {
    method: 'POST',
    body: { stageId, ...(lostReason ? { lostReason } : {}) },
    headers: { 'If-Match': `"${version}"` },
  });

export const getStageHistory = (id: string) =>
  apiRequest<{ data: TStageHistoryEntry[] }>(`/api/v1/deals/${enc(id)}/stage-history`);

export const getDealTimeline = (id: string) =>
  apiRequest<TListResponse<TTimelineItem>>(`/api/v1/deals/${enc(id)}/timeline`, { query: { limit: 50 } });

export const getForecast = (groupBy: 'month' | 'owner', pipelineId?: string) =>
  apiRequest<TForecast>('/api/v1/deals/forecast', { query: { groupBy, pipelineId } });

export const createPipeline = (body: TCreatePipelineRequest, idempotencyKey: string) =>
  apiRequest<TPipeline>('/api/v1/pipelines', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });

/** A saved view of deals, its filter in the filter builder's shape. */
export type TDealView = Omit<TView, 'filter'> & { filter: TBuilderFilter | null };

export const listDealViews = () =>
  apiRequest<{ data: TDealView[] }>('/api/v1/views', { query: { objectType: 'deal' } });

export const createDealView = (
  body: Omit<TCreateViewRequest, 'objectType' | 'filter'> & { filter: TBuilderFilter | null },
) => apiRequest<TDealView>('/api/v1/views', { method: 'POST', body: { ...body, objectType: 'deal' } });
