import type {
  TActivity,
  TCompany,
  TCreateActivityRequest,
  TCreateCompanyRequest,
  TCreateCustomFieldRequest,
  TCreateTaskRequest,
  TCustomField,
  TCustomFieldObjectType,
  TDefaultCountry,
  TLifecycleStages,
  TNotification,
  TPerson,
  TTask,
  TTimelineItem,
  TUpdateCompanyRequest,
  TUpdateCustomFieldRequest,
  TUpdateTaskRequest,
} from '@kap/shared';
import { apiRequest, type TListResponse } from '../../lib/api.ts';

const enc = encodeURIComponent;

// ── Companies ────────────────────────────────────────────────────────────────
export type TCompanySort = 'name' | '-name' | 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';

export function listCompanies(params: { q?: string; sort?: TCompanySort; cursor?: string; limit?: number }) {
  return apiRequest<TListResponse<TCompany>>('/api/v1/companies', {
    query: { q: params.q, sort: params.sort, cursor: params.cursor, limit: params.limit ?? 50 },
  });
}
export const getCompany = (id: string) => apiRequest<TCompany>(`/api/v1/companies/${enc(id)}`);
export const createCompany = (body: TCreateCompanyRequest, idempotencyKey: string) =>
  apiRequest<TCompany>('/api/v1/companies', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
export const updateCompany = (id: string, version: number, body: TUpdateCompanyRequest) =>
  apiRequest<TCompany>(`/api/v1/companies/${enc(id)}`, {
    method: 'PATCH',
    body,
    headers: { 'If-Match': String(version) },
  });
export const deleteCompany = (id: string) =>
  apiRequest<void>(`/api/v1/companies/${enc(id)}`, { method: 'DELETE' });
export const listCompanyPeople = (id: string) =>
  apiRequest<TListResponse<TPerson>>(`/api/v1/companies/${enc(id)}/people`, { query: { limit: 100 } });

// ── Custom fields and people settings ───────────────────────────────────────
export const listCustomFields = (objectType: TCustomFieldObjectType, includeArchived = false) =>
  apiRequest<{ data: TCustomField[] }>('/api/v1/custom-fields', {
    query: { objectType, includeArchived: includeArchived ? 'true' : undefined },
  });
export const createCustomField = (body: TCreateCustomFieldRequest) =>
  apiRequest<TCustomField>('/api/v1/custom-fields', { method: 'POST', body });
export const updateCustomField = (id: string, version: number, body: TUpdateCustomFieldRequest) =>
  apiRequest<TCustomField>(`/api/v1/custom-fields/${enc(id)}`, {
    method: 'PATCH',
    body,
    headers: { 'If-Match': String(version) },
  });
export const getLifecycleStages = () => apiRequest<TLifecycleStages>('/api/v1/settings/lifecycle-stages');
export const putLifecycleStages = (body: TLifecycleStages) =>
  apiRequest<TLifecycleStages>('/api/v1/settings/lifecycle-stages', { method: 'PUT', body });
export const getDefaultCountry = () => apiRequest<TDefaultCountry>('/api/v1/settings/default-country');
export const putDefaultCountry = (body: { defaultCountry: string | null }) =>
  apiRequest<TDefaultCountry>('/api/v1/settings/default-country', { method: 'PUT', body });

// ── Timeline, activities, tasks, notifications ──────────────────────────────
export type TRecordKind = 'people' | 'companies';
const TIMELINE_PAGE_SIZE = 30;

export function getTimeline(
  record: TRecordKind,
  id: string,
  params: { kinds?: string[]; channels?: string[]; cursor?: string },
) {
  return apiRequest<TListResponse<TTimelineItem>>(`/api/v1/${record}/${enc(id)}/timeline`, {
    query: {
      kinds: params.kinds?.length ? params.kinds.join(',') : undefined,
      channel: params.channels?.length ? params.channels.join(',') : undefined,
      cursor: params.cursor,
      limit: TIMELINE_PAGE_SIZE,
    },
  });
}
/** The cache key of a record's timeline with these filters (none: the page's first view). */
export const timelineQueryKey = (
  record: TRecordKind,
  recordId: string,
  kinds: string[] = [],
  channels: string[] = [],
) => ['timeline', record, recordId, kinds, channels] as const;

/** A record and the first page of its timeline (no filters) in one request: what a detail page opens with. */
export function getOverview<TRecord>(record: TRecordKind, id: string, signal?: AbortSignal) {
  return apiRequest<{ record: TRecord; timeline: TListResponse<TTimelineItem> }>(
    `/api/v1/${record}/${enc(id)}/overview`,
    { query: { limit: TIMELINE_PAGE_SIZE }, signal },
  );
}
export const createActivity = (body: TCreateActivityRequest) =>
  apiRequest<TActivity>('/api/v1/activities', { method: 'POST', body });

export type TTaskQuery = {
  view?: 'mine' | 'overdue' | 'dueToday';
  personId?: string;
  companyId?: string;
  status?: string;
};
export function listTasks(params: TTaskQuery & { cursor?: string }) {
  return apiRequest<TListResponse<TTask>>('/api/v1/tasks', {
    query: {
      ...params,
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      limit: 100,
    },
  });
}
export const createTask = (body: TCreateTaskRequest) =>
  apiRequest<TTask>('/api/v1/tasks', { method: 'POST', body });
export const updateTask = (id: string, version: number, body: TUpdateTaskRequest) =>
  apiRequest<TTask>(`/api/v1/tasks/${enc(id)}`, {
    method: 'PATCH',
    body,
    headers: { 'If-Match': String(version) },
  });
export const listNotifications = () =>
  apiRequest<TListResponse<TNotification>>('/api/v1/notifications', { query: { limit: 30 } });
export const markNotificationRead = (id: string) =>
  apiRequest<TNotification>(`/api/v1/notifications/${enc(id)}/read`, { method: 'POST' });

// ── Coming endpoints (built against the contract; 404 handled by callers) ──────
export type TSearchHit = { type: string; id: string; title: string; subtitle: string | null };
export const search = (q: string, signal?: AbortSignal) =>
  apiRequest<{ data: TSearchHit[] }>('/api/v1/search', {
    query: { q, types: 'person,company', limit: 10 },
    signal,
  });

export type TDuplicate = { person: TPerson; reasons: string[]; score: number };
export const getDuplicates = (id: string) =>
  apiRequest<{ data: TDuplicate[] }>(`/api/v1/people/${enc(id)}/duplicates`);
export const mergePeople = (body: {
  survivorId: string;
  mergedIds: string[];
  fieldChoices?: Record<string, string>;
}) => apiRequest<{ person: TPerson; mergedIds: string[] }>('/api/v1/people/merge', { method: 'POST', body });

export type TFilterCondition = { field: string; op: string; value?: unknown };
export type TFilter = { and?: (TFilterCondition | TFilter)[]; or?: (TFilterCondition | TFilter)[] };
export type TSavedView = {
  id: string;
  objectType: 'person' | 'company';
  name: string;
  isShared: boolean;
  filter: TFilter | null;
  sort: string | null;
  columns: string[] | null;
};
export const listViews = (objectType: 'person' | 'company') =>
  apiRequest<{ data: TSavedView[] }>('/api/v1/views', { query: { objectType } });
export const createView = (body: Omit<TSavedView, 'id'>) =>
  apiRequest<TSavedView>('/api/v1/views', { method: 'POST', body });

export type TBulkAction = 'addTag' | 'removeTag' | 'setOwner' | 'setLifecycleStage' | 'delete';
export const bulkPeople = (body: {
  action: TBulkAction;
  value?: string | null;
  ids?: string[];
  filter?: TFilter;
  confirm?: boolean;
}) => apiRequest<{ affected: number }>('/api/v1/people/bulk', { method: 'POST', body });

export function listPeopleFiltered(params: {
  q?: string;
  sort?: string;
  filter?: TFilter | null;
  viewId?: string | null;
  cursor?: string;
  signal?: AbortSignal;
}) {
  const hasFilter = Boolean(params.filter && (params.filter.and?.length || params.filter.or?.length));
  return apiRequest<TListResponse<TPerson>>('/api/v1/people', {
    query: {
      q: params.q,
      sort: params.sort,
      filter: hasFilter ? JSON.stringify(params.filter) : undefined,
      viewId: params.viewId ?? undefined,
      cursor: params.cursor,
      limit: 50,
    },
    signal: params.signal,
  });
}

// ── Lists of either record type: filtered pages, counts, bulk actions, duplicates, merge ─────
export type TRecordObjectType = 'person' | 'company';

const LIST_PATH: Record<TRecordObjectType, string> = {
  person: '/api/v1/people',
  company: '/api/v1/companies',
};

const hasConditions = (filter: TFilter | null | undefined) =>
  Boolean(filter && (filter.and?.length || filter.or?.length));

export function listCompaniesFiltered(params: {
  q?: string;
  sort?: string;
  filter?: TFilter | null;
  viewId?: string | null;
  cursor?: string;
  signal?: AbortSignal;
}) {
  return apiRequest<TListResponse<TCompany>>('/api/v1/companies', {
    query: {
      q: params.q || undefined,
      sort: params.sort,
      filter: hasConditions(params.filter) ? JSON.stringify(params.filter) : undefined,
      viewId: params.viewId ?? undefined,
      cursor: params.cursor,
      limit: 50,
    },
    signal: params.signal,
  });
}

/** How many records match: exact up to the server's cap, else `isExact: false` ("100,000+"). */
export type TRecordCount = { count: number; isExact: boolean };
export const countRecords = (
  objectType: TRecordObjectType,
  params: { q?: string; filter?: TFilter | null; signal?: AbortSignal },
) =>
  apiRequest<TRecordCount>(`${LIST_PATH[objectType]}/count`, {
    query: {
      q: params.q || undefined,
      filter: hasConditions(params.filter) ? JSON.stringify(params.filter) : undefined,
    },
    signal: params.signal,
  });

export const bulkRecords = (
  objectType: TRecordObjectType,
  body: {
    action: TBulkAction;
    value?: string | null;
    ids?: string[];
    filter?: TFilter;
    /** With filter: only the records the list's search text matches. */
    q?: string;
    confirm?: boolean;
  },
) => apiRequest<{ affected: number }>(`${LIST_PATH[objectType]}/bulk`, { method: 'POST', body });

export type TCompanyDuplicate = { company: TCompany; reasons: string[]; score: number };
export const getCompanyDuplicates = (id: string) =>
  apiRequest<{ data: TCompanyDuplicate[] }>(`/api/v1/companies/${enc(id)}/duplicates`);
export const mergeCompanies = (body: {
  survivorId: string;
  mergedIds: string[];
  fieldChoices?: Record<string, string>;
}) =>
  apiRequest<{ company: TCompany; mergedIds: string[] }>('/api/v1/companies/merge', {
    method: 'POST',
    body,
  });

/** Records of the given types by name (the relation field picker). */
export const searchRecords = (q: string, types: TRecordObjectType[], signal?: AbortSignal) =>
  apiRequest<{ data: TSearchHit[] }>('/api/v1/search', {
    query: { q, types: types.join(','), limit: 10 },
    signal,
  });
