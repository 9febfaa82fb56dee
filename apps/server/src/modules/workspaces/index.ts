export { acceptInvitation, previewInvitation } from './invitations.service.ts';
export {
  findFirstWorkspace,
  findMembership,
  findWorkspaceByIdOrName,
  isMember,
  listMemberRoles,
  listUserWorkspaces,
} from './members.service.ts';
export type { TInvitationsTable, TMembershipsTable, TWorkspacesTable } from './workspaces.table.ts';
export { registerWorkspaceRoutes } from './workspaces.routes.ts';
