import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TDb } from '../../db/pool.ts';

const DAY = 86_400_000;
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

export type TAuth = { cookie: string } | { authorization: string };

let counter = 0;
/** A unique event id for a test run (the shared database keeps every run's events). */
export const eventId = (label = 'e') => `${label}-${Date.now().toString(36)}-${process.pid}-${counter++}`;

export function event(overrides: Record<string, unknown> = {}) {
  return {
    id: eventId(),
    type: 'page_view',
    channel: 'web',
    occurredAt: daysAgo(1),
    properties: { url: '/home' },
    person: { anonymousId: `visitor-${eventId()}` },
    ...overrides,
  };
}

export async function postEvents(app: FastifyInstance, auth: TAuth, events: unknown[]) {
  return app.inject({ method: 'POST', url: '/api/v1/events', headers: auth, payload: { events } });
}

export async function createPerson(app: FastifyInstance, auth: TAuth, payload: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/people', headers: auth, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

/** Stored events of a workspace (system connection), with the partition each row lives in. */
export async function storedEvents(db: TDb, workspaceId: string) {
  const result = await sql<{
    eventId: string;
    personId: string | null;
    pendingKey: string | null;
    partition: string;
    type: string;
  }>`select event_id, person_id, pending_key, tableoid::regclass::text as partition, type
       from events where workspace_id = ${workspaceId} order by occurred_at, event_id`.execute(db);
  return result.rows;
}
