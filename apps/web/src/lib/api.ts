import type { TErrorCode, TErrorDetail } from '@kap/shared';

/** Codes the client adds for failures that never reached the server or came back unreadable. */
export type TClientErrorCode = TErrorCode | 'NETWORK_ERROR';

export class ApiError extends Error {
  readonly status: number;
  readonly code: TClientErrorCode;
  readonly details: TErrorDetail[];
  /** Seconds to wait before retrying, from the `Retry-After` header of a 429. */
  readonly retryAfter: number | null;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: TClientErrorCode;
    message: string;
    details?: TErrorDetail[];
    retryAfter?: number | null;
    requestId?: string | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.retryAfter = init.retryAfter ?? null;
    this.requestId = init.requestId ?? null;
  }
}

export function isApiError(error: unknown, code?: TClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type TQueryValue = string | number | boolean | null | undefined;

export type TRequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, TQueryValue>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export type TListResponse<T> = { data: T[]; nextCursor: string | null };

function buildUrl(path: string, query?: Record<string, TQueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

type TErrorEnvelope = { error?: { code?: string; message?: string; details?: unknown; requestId?: string } };

function isErrorDetail(value: unknown): value is TErrorDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  let envelope: TErrorEnvelope = {};
  try {
    envelope = (await response.json()) as TErrorEnvelope;
  } catch {
    // Not JSON (a proxy error page, say): keep the status, use a generic code below.
  }
  const body = envelope.error ?? {};
  const fallbackCode: TErrorCode = response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return new ApiError({
    status: response.status,
    code: (body.code as TErrorCode | undefined) ?? fallbackCode,
    message: body.message ?? response.statusText,
    details: Array.isArray(body.details) ? body.details.filter(isErrorDetail) : [],
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    requestId: body.requestId ?? null,
  });
}

/** The one way the web app talks to the API: same-origin cookie session, JSON in and out. */
export async function apiRequest<T>(path: string, options: TRequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    signal: options.signal,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Network request failed' });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
