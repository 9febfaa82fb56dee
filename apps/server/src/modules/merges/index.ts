import { moveActivitiesToRecord } from '../activities/index.ts';
import { moveTasksToRecord } from '../tasks/index.ts';
import { ANY_RECORD_TYPE, registerMergeHandler } from './merge-handlers.registry.ts';

export {
  ANY_RECORD_TYPE,
  registerMergeHandler,
  runMergeHandlers,
  type TMergeHandler,
  type TMergeMove,
  unregisterMergeHandler,
} from './merge-handlers.registry.ts';
export { changeRefusingMerged, findSurvivorId, readFollowingMerges } from './merge-redirect.service.ts';
export {
  assertAllFound,
  assertMergeRequest,
  pickCustomFields,
  pickSingle,
  pickUnion,
} from './merge-request.ts';
export type { TRecordMergesTable } from './merges.table.ts';
export { insertMergeRedirects } from './record-merges.repository.ts';

// Activities and tasks link to any record type by (type, id): one move serves every merge.
// Wrapped, so the imported function is looked up when a merge runs: modules import each other
// in a cycle (people → merges → activities → … → people), and at load time it may be unset yet.
registerMergeHandler(ANY_RECORD_TYPE, 'activities', (trx, actor, move) =>
  moveActivitiesToRecord(trx, actor, move),
);
registerMergeHandler(ANY_RECORD_TYPE, 'tasks', (trx, actor, move) => moveTasksToRecord(trx, actor, move));
