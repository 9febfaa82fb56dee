export { acceptInvitation, previewInvitation } from './invitations.service.ts';
export { selectMemberAccess } from './member-access.sql.ts';
export {
  findFirstWorkspace,
  findMembership,
  findWorkspaceByIdOrName,
  isMember,
  listMemberRoles,
  listMembers,
  listUserWorkspaces,
} from './members.service.ts';
export { registerTeamRoutes } from './teams.routes.ts';
export { registerWorkspaceRoutes } from './workspaces.routes.ts';
export type {
  TInvitationsTable,
  TMembershipsTable,
  TTeamsTable,
  TWorkspacesTable,
} from './workspaces.table.ts';
