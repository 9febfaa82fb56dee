import type {
  TImport,
  TImportMapping,
  TImportMappingPreset,
  TImportMatchKey,
  TImportMode,
  TImportObjectType,
  TImportPreview,
  TImportSummary,
} from '@kap/shared';
import { ApiError, apiRequest, type TListResponse } from '../../lib/api.ts';

export type TUploadOptions = {
  objectType: TImportObjectType;
  encoding?: string | undefined;
  delimiter?: string | undefined;
};

/** Uploads the file (multipart, streamed to the server); the import waits in `uploaded` for a mapping. */
export async function uploadImport(file: File, options: TUploadOptions): Promise<TImport> {
  const form = new FormData();
  // Text fields before the file: the server reads the parts in order.
  form.append('objectType', options.objectType);
  if (options.encoding) form.append('encoding', options.encoding);
  if (options.delimiter) form.append('delimiter', options.delimiter);
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/v1/imports', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Network request failed' });
  }
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: ApiError['code']; message?: string; details?: { path: string; message: string }[] };
  };
  if (!response.ok) {
    throw new ApiError({
      status: response.status,
      code: body.error?.code ?? (response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
      message: body.error?.message ?? response.statusText,
      details: body.error?.details ?? [],
    });
  }
  return body as unknown as TImport;
}

export const listImports = (signal?: AbortSignal) =>
  apiRequest<TListResponse<TImportSummary>>('/api/v1/imports', { query: { limit: 100 }, signal });

export const getImport = (id: string, signal?: AbortSignal) =>
  apiRequest<TImport>(`/api/v1/imports/${encodeURIComponent(id)}`, { signal });

export const updateImportMapping = (
  id: string,
  body: { mapping: TImportMapping; match: TImportMatchKey[]; mode: TImportMode },
) => apiRequest<TImport>(`/api/v1/imports/${encodeURIComponent(id)}/mapping`, { method: 'PUT', body });

export const previewImport = (id: string) =>
  apiRequest<TImportPreview>(`/api/v1/imports/${encodeURIComponent(id)}/preview`, {
    method: 'POST',
    body: { limit: 10_000, rows: 25 },
  });

export const startImport = (id: string) =>
  apiRequest<TImport>(`/api/v1/imports/${encodeURIComponent(id)}/start`, { method: 'POST', body: {} });

export const cancelImport = (id: string) =>
  apiRequest<TImport>(`/api/v1/imports/${encodeURIComponent(id)}/cancel`, { method: 'POST', body: {} });

export const undoImport = (id: string) =>
  apiRequest<TImport>(`/api/v1/imports/${encodeURIComponent(id)}/undo`, { method: 'POST', body: {} });

/** The rejected rows as CSV (original columns, then row and reason): a plain authenticated link. */
export const rejectedRowsUrl = (id: string) => `/api/v1/imports/${encodeURIComponent(id)}/rejected`;

export const listMappingPresets = (objectType: TImportObjectType) =>
  apiRequest<{ data: TImportMappingPreset[] }>('/api/v1/import-mappings', { query: { objectType } });

export const saveMappingPreset = (body: {
  name: string;
  objectType: TImportObjectType;
  mapping: TImportMapping;
}) => apiRequest<TImportMappingPreset>('/api/v1/import-mappings', { method: 'POST', body });

export const isImportActive = (status: TImport['status']) => status === 'queued' || status === 'running';
