import { ERROR_STATUS, type TErrorCode, type TErrorDetail } from '@kap/shared';
import type { z } from 'zod';

/** The one error type services throw; the HTTP layer maps `code` to its status. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    message: string,
    readonly details?: TErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'Your role does not allow this') => new AppError('FORBIDDEN', message);

export function validationError(issues: z.core.$ZodIssue[], prefix?: string): AppError {
  const details = issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
  const first = details[0];
  const message = first ? `Invalid ${first.path || 'request'}: ${first.message}` : 'Invalid request';
  return new AppError('VALIDATION_FAILED', message, details);
}
