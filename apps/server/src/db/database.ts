import type { TActivitiesTable, TActivityLinksTable } from '../modules/activities/index.ts';
import type { TApiKeysTable } from '../modules/api-keys/index.ts';
import type { TAuditLogTable } from '../modules/audit/index.ts';
import type {
  TLoginThrottleTable,
  TPasswordResetTokensTable,
  TSessionsTable,
  TUsersTable,
} from '../modules/auth/index.ts';
import type { TCompaniesTable } from '../modules/companies/index.ts';
import type { TCurrencySettingsTable, TExchangeRatesTable } from '../modules/currencies/index.ts';
import type { TCustomFieldsTable } from '../modules/custom-fields/index.ts';
import type {
  TDealLineItemsTable,
  TDealPeopleTable,
  TDealStageHistoryTable,
  TDealsTable,
  TPipelineStagesTable,
  TPipelinesTable,
} from '../modules/deals/index.ts';
import type {
  TAnonymousIdentitiesTable,
  TEventPendingKeysTable,
  TEventsSettingsTable,
  TEventsTable,
} from '../modules/events/events.table.ts';
import type { TIdempotencyKeysTable } from '../modules/idempotency/index.ts';
import type {
  TImportFileChunksTable,
  TImportMappingPresetsTable,
  TImportRejectedRowsTable,
  TImportsTable,
  TImportUpdatesTable,
} from '../modules/imports/imports.table.ts';
import type { TMailOutboxTable } from '../modules/mail/index.ts';
import type { TRecordMergesTable } from '../modules/merges/index.ts';
import type { TNotificationsTable } from '../modules/notifications/index.ts';
import type {
  TCustomerProductsTable,
  TCustomerPurchaseStatsTable,
  TOrderLinesTable,
  TOrdersTable,
  TRefundsTable,
} from '../modules/orders/index.ts';
import type {
  TPeopleSettingsTable,
  TPeopleTable,
  TPersonCompaniesTable,
  TPersonIdentifiersTable,
} from '../modules/people/index.ts';
import type { TProductsTable } from '../modules/products/index.ts';
import type { TTaskLinksTable, TTasksTable } from '../modules/tasks/index.ts';
import type { TViewsTable } from '../modules/views/index.ts';
import type {
  TInvitationsTable,
  TMembershipsTable,
  TTeamsTable,
  TWorkspacesTable,
} from '../modules/workspaces/index.ts';

/** The whole schema as Kysely sees it (camelCase); each module declares its own tables. */
export type TDatabase = {
  workspaces: TWorkspacesTable;
  memberships: TMembershipsTable;
  teams: TTeamsTable;
  invitations: TInvitationsTable;
  users: TUsersTable;
  sessions: TSessionsTable;
  passwordResetTokens: TPasswordResetTokensTable;
  loginThrottle: TLoginThrottleTable;
  apiKeys: TApiKeysTable;
  mailOutbox: TMailOutboxTable;
  idempotencyKeys: TIdempotencyKeysTable;
  auditLog: TAuditLogTable;
  activities: TActivitiesTable;
  activityLinks: TActivityLinksTable;
  tasks: TTasksTable;
  taskLinks: TTaskLinksTable;
  notifications: TNotificationsTable;
  people: TPeopleTable;
  peopleSettings: TPeopleSettingsTable;
  personIdentifiers: TPersonIdentifiersTable;
  personCompanies: TPersonCompaniesTable;
  companies: TCompaniesTable;
  customFields: TCustomFieldsTable;
  views: TViewsTable;
  recordMerges: TRecordMergesTable;
  currencySettings: TCurrencySettingsTable;
  exchangeRates: TExchangeRatesTable;
  products: TProductsTable;
  orders: TOrdersTable;
  orderLines: TOrderLinesTable;
  refunds: TRefundsTable;
  customerPurchaseStats: TCustomerPurchaseStatsTable;
  customerProducts: TCustomerProductsTable;
  events: TEventsTable;
  anonymousIdentities: TAnonymousIdentitiesTable;
  eventsSettings: TEventsSettingsTable;
  eventPendingKeys: TEventPendingKeysTable;
  pipelines: TPipelinesTable;
  pipelineStages: TPipelineStagesTable;
  deals: TDealsTable;
  dealPeople: TDealPeopleTable;
  dealLineItems: TDealLineItemsTable;
  dealStageHistory: TDealStageHistoryTable;
  imports: TImportsTable;
  importFileChunks: TImportFileChunksTable;
  importRejectedRows: TImportRejectedRowsTable;
  importUpdates: TImportUpdatesTable;
  importMappingPresets: TImportMappingPresetsTable;
};
