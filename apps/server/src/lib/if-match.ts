import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → null. Anything else is a client error. */
export function readIfMatch(req: FastifyRequest): number | null {
  const header = req.headers['if-match'];
  if (header === undefined) return null;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(String(header).trim());
  if (!match?.[1]) {
    throw new AppError('VALIDATION_FAILED', 'If-Match must be the record version, e.g. "3"', [
      { path: 'If-Match', message: 'Must be the record version' },
    ]);
  }
  return Number(match[1]);
}

/** A write with a stale If-Match is refused with 412, never merged silently. */
export function assertFreshVersion(
  record: string,
  currentVersion: number,
  expectedVersion: number | null,
): void {
  if (expectedVersion !== null && expectedVersion !== currentVersion) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `This ${record} was changed by someone else (version ${currentVersion}, you had ${expectedVersion}); reload and retry`,
    );
  }
}
