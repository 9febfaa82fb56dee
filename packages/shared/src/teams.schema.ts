import { z } from 'zod';

export const ZTeam = z
  .object({
    id: z.string(),
    name: z.string(),
    memberIds: z.array(z.string()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Team' });
export type TTeam = z.infer<typeof ZTeam>;

export const ZSaveTeamRequest = z.object({ name: z.string().trim().min(1).max(80) });
export const ZSetMemberTeamRequest = z.object({ teamId: z.uuid().nullable() });
