import type { TImport } from '@kap/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSession } from '../../../../../test/helpers.ts';
import type { TDb } from '../../db/pool.ts';
import type { TRunOptions } from './import-runner.ts';
import { runImportNow } from './imports.jobs.ts';

/** Helpers of the import tests: a multipart body by hand, upload, run the job in-process. */

export function multipartBody(
  fields: Record<string, string | string[]>,
  file: { name: string; content: Buffer | string } | null,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kap${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${item}\r\n`),
      );
    }
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(
  app: FastifyInstance,
  session: TSession,
  fields: Record<string, string | string[]>,
  file: { name: string; content: Buffer | string } | null,
): Promise<LightMyRequestResponse> {
  const body = multipartBody(fields, file);
  return app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { cookie: session.cookie, ...body.headers },
    payload: body.payload,
  });
}

export async function uploadOk(
  app: FastifyInstance,
  session: TSession,
  fields: Record<string, string | string[]>,
  file: { name: string; content: Buffer | string },
): Promise<TImport> {
  const response = await upload(app, session, fields, file);
  if (response.statusCode !== 201) throw new Error(`upload failed ${response.statusCode}: ${response.body}`);
  return response.json() as TImport;
}

export async function runToEnd(
  db: TDb,
  session: TSession,
  id: string,
  options: TRunOptions & { staleAfterSeconds?: number } = {},
) {
  return runImportNow(db, { workspaceId: session.me.workspace.id, id }, options);
}

export async function getImportOf(app: FastifyInstance, session: TSession, id: string): Promise<TImport> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/imports/${id}`,
    headers: { cookie: session.cookie },
  });
  if (response.statusCode !== 200)
    throw new Error(`get import failed ${response.statusCode}: ${response.body}`);
  return response.json() as TImport;
}

export const post = (app: FastifyInstance, session: TSession, url: string, payload: object = {}) =>
  app.inject({ method: 'POST', url, headers: { cookie: session.cookie }, payload });

export const csvOf = (rows: (string | number)[][]) =>
  rows
    .map((r) =>
      r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(','),
    )
    .join('\n');
