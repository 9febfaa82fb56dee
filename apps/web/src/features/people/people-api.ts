import type { TCreatePersonRequest, TListPeopleQuery, TPerson, TUpdatePersonRequest } from '@kap/shared';
import { apiRequest, type TListResponse } from '../../lib/api.ts';

export type TPeopleSort = NonNullable<TListPeopleQuery['sort']>;
export type TPeopleListParams = { q: string; sort: TPeopleSort };

export const PAGE_SIZE = 50;

export function listPeople(params: TPeopleListParams & { cursor?: string; signal?: AbortSignal }) {
  return apiRequest<TListResponse<TPerson>>('/api/v1/people', {
    query: { q: params.q, sort: params.sort, cursor: params.cursor, limit: PAGE_SIZE },
    signal: params.signal,
  });
}

export function getPerson(id: string, signal?: AbortSignal): Promise<TPerson> {
  return apiRequest<TPerson>(`/api/v1/people/${encodeURIComponent(id)}`, { signal });
}

/** The idempotency key makes a retried submit (flaky network, double click) create one person, not two. */
export function createPerson(body: TCreatePersonRequest, idempotencyKey: string): Promise<TPerson> {
  return apiRequest<TPerson>('/api/v1/people', {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** `If-Match` carries the version the user edited; the server answers 412 if someone changed it since. */
export function updatePerson(id: string, version: number, body: TUpdatePersonRequest): Promise<TPerson> {
  return apiRequest<TPerson>(`/api/v1/people/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
    headers: { 'If-Match': String(version) },
  });
}

export function deletePerson(id: string): Promise<void> {
  return apiRequest<void>(`/api/v1/people/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
