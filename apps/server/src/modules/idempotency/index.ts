export { deleteExpiredIdempotencyKeys, replayIdempotent, saveIdempotent } from './idempotency.service.ts';
export type { TIdempotencyKeysTable } from './idempotency.table.ts';
