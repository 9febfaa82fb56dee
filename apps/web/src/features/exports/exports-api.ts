import type { TExportFormat, TExportObjectType } from '@kap/shared';
import { ApiError } from '../../lib/api.ts';

export type TExportCriteria = {
  viewId?: string | null;
  /** The list's filter, as the list sends it. */
  filter?: object | null;
  sort?: string | null;
  q?: string | null;
  /** A selection: only these records. */
  ids?: readonly string[] | null;
};

export type TExportChoice = {
  format: TExportFormat;
  /** 'all', or the columns the list shows (their keys). */
  columns: 'all' | readonly string[];
  bom: boolean;
};

/** The authenticated download link of an export (the session cookie goes along, same origin). */
export function exportDownloadUrl(
  objectType: TExportObjectType,
  criteria: TExportCriteria,
  choice: TExportChoice,
): string {
  const params = new URLSearchParams({ objectType, format: choice.format });
  if (criteria.viewId) params.set('viewId', criteria.viewId);
  if (criteria.filter) params.set('filter', JSON.stringify(criteria.filter));
  if (criteria.sort) params.set('sort', criteria.sort);
  if (criteria.q) params.set('q', criteria.q);
  params.set('columns', choice.columns === 'all' ? 'all' : choice.columns.join(',') || 'visible');
  if (choice.bom) params.set('bom', 'true');
  return `/api/v1/exports/download?${params}`;
}

function clickDownload(href: string, fileName?: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName ?? '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

function fileNameOf(response: Response): string | undefined {
  const header = response.headers.get('content-disposition') ?? '';
  const exact = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  if (exact) return decodeURIComponent(exact);
  return /filename="([^"]+)"/.exec(header)?.[1];
}

/**
 * Starts an export. A whole list (filter, view) downloads through a plain link, so the browser
 * streams it straight to disk whatever its size; a selection of ids is POSTed (too long for a
 * link) and saved from memory, which a selection of loaded rows keeps small.
 */
export async function startExport(
  objectType: TExportObjectType,
  criteria: TExportCriteria,
  choice: TExportChoice,
): Promise<void> {
  if (!criteria.ids || criteria.ids.length === 0) {
    clickDownload(exportDownloadUrl(objectType, criteria, choice));
    return;
  }
  const response = await fetch('/api/v1/exports', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      objectType,
      ids: criteria.ids,
      ...(criteria.sort && { sort: criteria.sort }),
      format: choice.format,
      columns: choice.columns === 'all' ? 'all' : choice.columns.length > 0 ? choice.columns : 'visible',
      bom: choice.bom,
    }),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError({
      status: response.status,
      code: (body.error?.code as ApiError['code'] | undefined) ?? 'INTERNAL',
      message: body.error?.message ?? response.statusText,
    });
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    clickDownload(url, fileNameOf(response));
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export const personalDataUrl = (personId: string) => `/api/v1/people/${encodeURIComponent(personId)}/export`;
