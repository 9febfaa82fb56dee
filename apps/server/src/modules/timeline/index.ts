export {
  linkIdsOf,
  linkRequestsOf,
  RECORD_LINK_FIELDS,
  resolveRecordLinks,
  type TLinkRequest,
  type TRecordLink,
} from './record-links.service.ts';
export { registerTimelineSource } from './timeline.registry.ts';
export { registerTimelineRecordType, registerTimelineRoutes } from './timeline.routes.ts';
export { decodeTimeCursor, isBeforeCursor, isTimelineTime, selectTimelineTime } from './timeline.sql.ts';
export type {
  TTimelineCursor,
  TTimelineFilters,
  TTimelinePage,
  TTimelineRecord,
  TTimelineRecordType,
  TTimelineSource,
} from './timeline.types.ts';
