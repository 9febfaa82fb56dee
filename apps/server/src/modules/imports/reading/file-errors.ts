import { AppError } from '../../../lib/errors.ts';

/** Everything wrong with an uploaded file is reported at the path `file`. */
export function fileError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path: 'file', message }]);
}
