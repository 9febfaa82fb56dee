// This module imports no other module: records' modules register their handlers with it, and a
// registry that imported them back would be half-loaded when they call it (an import cycle).
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
