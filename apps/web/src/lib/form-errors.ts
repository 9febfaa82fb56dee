import type { TErrorDetail } from '@kap/shared';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { type ApiError, isApiError } from './api.ts';

/** Field path (`emails.0.email`) → message shown under that field. */
export type TFieldErrors = Record<string, string>;

type TIssue = z.core.$ZodIssue;

/** Optional per-form wording for an issue, e.g. "not a phone number" for a regex miss on `phones.*`. */
export type TIssueMessage = (issue: TIssue, path: string) => string | undefined;

function translateIssue(issue: TIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.tooShort', { min: Number(issue.minimum) });
      }
      return t('validation.invalid');
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong', { max: Number(issue.maximum) })
        : t('validation.tooMany');
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      return t('validation.invalid');
    case 'invalid_type':
      return t('validation.required');
    default:
      return t('validation.invalid');
  }
}

/** Normalises server paths (`body.emails[0].email`) to the form's dotted paths. */
export function normalisePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^body\./, '');
}

export function issuesToFieldErrors(
  issues: TIssue[],
  t: TFunction,
  messageFor?: TIssueMessage,
): TFieldErrors {
  const errors: TFieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_form';
    if (errors[path]) continue;
    errors[path] = messageFor?.(issue, path) ?? translateIssue(issue, t);
  }
  return errors;
}

export function detailsToFieldErrors(details: TErrorDetail[]): TFieldErrors {
  const errors: TFieldErrors = {};
  for (const detail of details) {
    const path = normalisePath(detail.path) || '_form';
    if (!errors[path]) errors[path] = detail.message;
  }
  return errors;
}

/** Field errors carried by an API error (400 VALIDATION_FAILED with `details`), or none. */
export function fieldErrorsOf(error: unknown): TFieldErrors {
  return isApiError(error) ? detailsToFieldErrors(error.details) : {};
}

type TSafeParse<T> = { success: true; data: T } | { success: false; error: { issues: TIssue[] } };

/** Validates form values with the shared schema; returns parsed data or translated field errors. */
export function validateWith<T>(
  schema: { safeParse: (value: unknown) => TSafeParse<T> },
  values: unknown,
  t: TFunction,
  messageFor?: TIssueMessage,
): { data: T; errors: null } | { data: null; errors: TFieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { data: result.data, errors: null };
  return { data: null, errors: issuesToFieldErrors(result.error.issues, t, messageFor) };
}

export function withoutError(errors: TFieldErrors, path: string): TFieldErrors {
  if (!(path in errors)) return errors;
  const next = { ...errors };
  delete next[path];
  return next;
}

export type { ApiError };
