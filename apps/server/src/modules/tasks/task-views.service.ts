import { OPEN_TASK_STATUSES, type TListTasksQuery } from '@kap/shared';
import { DateTime } from 'luxon';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import type { TTasksFilter } from './tasks.repository.ts';

/**
 * Today in `timeZone` as a half-open UTC range [start, end). Calendar arithmetic in the zone, so
 * a day with a daylight-saving change is 23 or 25 hours long and a day whose midnight does not
 * exist starts at its first real instant.
 */
export function findDayBounds(timeZone: string, now: Date): { start: Date; end: Date } {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) {
    throw new AppError('VALIDATION_FAILED', `Unknown time zone ${timeZone}`, [
      { path: 'query.tz', message: 'Not a known IANA time zone' },
    ]);
  }
  const start = local.startOf('day');
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).startOf('day').toJSDate() };
}

const laterOf = (a: Date | undefined, b: Date | undefined) => (a && b ? (a > b ? a : b) : (a ?? b));
const earlierOf = (a: Date | undefined, b: Date | undefined) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * The list filter for a query: its explicit filters narrowed by the view. Views show work still
 * to do (open, in progress) unless `status` says otherwise.
 */
export function resolveTaskFilter(
  actor: TActor,
  query: TListTasksQuery,
  now: Date,
): Omit<TTasksFilter, 'workspaceId'> {
  const dayBounds = findDayBounds(query.tz, now);
  const view = query.view;
  const dueFrom = query.dueFrom ? new Date(query.dueFrom) : undefined;
  const dueTo = query.dueTo ? new Date(query.dueTo) : undefined;
  const linkedTo = [
    ...(query.personId ? [{ type: 'person', id: query.personId.toLowerCase() }] : []),
    ...(query.companyId ? [{ type: 'company', id: query.companyId.toLowerCase() }] : []),
  ];
  return {
    assigneeId: view === 'mine' ? actor.userId : query.assigneeId?.toLowerCase(),
    statuses: query.status ?? (view ? OPEN_TASK_STATUSES : undefined),
    priorities: query.priority,
    linkedTo,
    dueFrom: view === 'dueToday' ? laterOf(dueFrom, dayBounds.start) : dueFrom,
    dueTo:
      view === 'dueToday'
        ? earlierOf(dueTo, dayBounds.end)
        : view === 'overdue'
          ? earlierOf(dueTo, now)
          : dueTo,
  };
}
