import type { TFunction } from 'i18next';
import { isApiError } from './api.ts';

/** A translated sentence for any error, chosen by its `code` — never by the server's wording. */
export function describeError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.UNKNOWN');
  switch (error.code) {
    case 'NETWORK_ERROR':
      return t('errors.NETWORK_ERROR');
    case 'VALIDATION_FAILED':
      return t('errors.VALIDATION_FAILED');
    case 'UNAUTHENTICATED':
      return t('errors.UNAUTHENTICATED');
    case 'INVALID_CREDENTIALS':
      return t('errors.INVALID_CREDENTIALS');
    case 'FORBIDDEN':
      return t('errors.FORBIDDEN');
    case 'SIGNUP_CLOSED':
      return t('errors.SIGNUP_CLOSED');
    case 'NOT_FOUND':
      return t('errors.NOT_FOUND');
    case 'CONFLICT':
    case 'DUPLICATE':
      return t('errors.CONFLICT');
    case 'PRECONDITION_FAILED':
      return t('errors.PRECONDITION_FAILED');
    case 'PAYLOAD_TOO_LARGE':
      return t('errors.PAYLOAD_TOO_LARGE');
    case 'RATE_LIMITED':
      return error.retryAfter
        ? t('errors.RATE_LIMITED_WAIT', { seconds: error.retryAfter })
        : t('errors.RATE_LIMITED');
    case 'SERVICE_UNAVAILABLE':
      return t('errors.SERVICE_UNAVAILABLE');
    case 'BAD_REQUEST':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return t('errors.BAD_REQUEST');
    case 'INTERNAL':
      return t('errors.INTERNAL');
  }
}
