import type { ColumnType, Generated } from 'kysely';

export type TIdempotencyKeysTable = {
  workspaceId: string;
  actorId: string;
  key: string;
  requestHash: string;
  statusCode: number;
  response: ColumnType<unknown, string | null, never>;
  createdAt: Generated<Date>;
};
