import { z } from 'zod';
import { ROLES } from './permissions.ts';

export const ZRole = z.enum(ROLES);
export const ZLocale = z.enum(['en', 'hy', 'ka', 'lt']);
export type TLocale = z.infer<typeof ZLocale>;

const ZEmailAddress = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
const ZPassword = z.string().min(10, 'Use at least 10 characters').max(200);

export const ZSignupRequest = z.object({
  workspaceName: z.string().trim().min(1).max(120),
  name: z.string().trim().min(1).max(120),
  email: ZEmailAddress,
  password: ZPassword,
  locale: ZLocale.optional(),
});
export type TSignupRequest = z.infer<typeof ZSignupRequest>;

export const ZLoginRequest = z.object({
  email: ZEmailAddress,
  password: z.string().min(1).max(200),
  workspaceId: z.uuid().optional(),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZPasswordResetRequest = z.object({ email: ZEmailAddress });
export const ZPasswordResetConfirm = z.object({ token: z.string().min(20).max(200), password: ZPassword });

export const ZUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  locale: ZLocale.nullable(),
});
export const ZWorkspace = z.object({ id: z.string(), name: z.string() });

export const ZMeResponse = z
  .object({
    user: ZUser.nullable(),
    apiKey: z.object({ id: z.string(), name: z.string() }).nullable(),
    workspace: ZWorkspace,
    role: ZRole,
    workspaces: z.array(ZWorkspace.extend({ role: ZRole })),
  })
  .meta({ id: 'Me' });
export type TMeResponse = z.infer<typeof ZMeResponse>;

export const ZUpdateMeRequest = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  locale: ZLocale.optional(),
});

export const ZSwitchWorkspaceRequest = z.object({ workspaceId: z.uuid() });

export const ZMember = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: ZRole,
    teamId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Member' });
export type TMember = z.infer<typeof ZMember>;
export const ZUpdateMemberRequest = z.object({ role: ZRole });

export const ZCreateInvitationRequest = z.object({ email: ZEmailAddress, role: ZRole });
export const ZInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: ZRole,
    invitedBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Invitation' });
export type TInvitation = z.infer<typeof ZInvitation>;

/** Accepting as a new user needs name + password; an existing user needs their password. */
export const ZAcceptInvitationRequest = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().min(1).max(120).optional(),
  password: z.string().min(1).max(200),
});

export const ZInvitationPreview = z.object({
  workspaceName: z.string(),
  email: z.string(),
  role: ZRole,
  hasAccount: z.boolean(),
});

/**
 * What a key may call besides nothing: a key without scopes may do everything its role allows; a
 * key with scopes may call only the routes of those scopes (e.g. `events:write`, safe to embed in a
 * shop backend), and 403 elsewhere. The role still has to allow the work.
 */
export const API_KEY_SCOPES = ['events:write'] as const;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

export const ZCreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(120),
  role: ZRole,
  scopes: z
    .array(ZApiKeyScope)
    .max(API_KEY_SCOPES.length)
    .optional()
    .describe('Limits the key to these scopes; leave out (or empty) for everything the role allows'),
});
export const ZApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    role: ZRole,
    scopes: z.array(ZApiKeyScope).describe('Empty: everything the role allows'),
    prefix: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });
export type TApiKey = z.infer<typeof ZApiKey>;
export const ZCreatedApiKey = ZApiKey.extend({ key: z.string().describe('Shown once; store it now') });
