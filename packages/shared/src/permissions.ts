/**
 * The role → permission matrix. One source of truth: the server enforces it in services,
 * the web app uses it to hide what a role cannot do.
 */
export const ROLES = ['owner', 'admin', 'manager', 'sales', 'support', 'marketing', 'viewer'] as const;
export type TRole = (typeof ROLES)[number];

/** Object types with read/write permissions. Later modules add theirs here. */
export const OBJECT_TYPES = [
  'people',
  'companies',
  'activities',
  'tasks',
  'deals',
  'orders',
  'products',
  'events',
  'tickets',
  'campaigns',
  'segments',
] as const;
export type TObjectType = (typeof OBJECT_TYPES)[number];

export type TAccess = 'none' | 'read' | 'write';

/** Which records a role sees: its own (owner = the user), its team's (owned by anyone in the
 * user's team; its own when it has no team), or all. */
export type TRecordScope = 'own' | 'team' | 'all';

export const CAPABILITIES = [
  'import',
  'export',
  'users:manage',
  'apiKeys:manage',
  'audit:read',
  'campaigns:send',
  'settings:manage',
  'workspace:delete',
] as const;
export type TCapability = (typeof CAPABILITIES)[number];

type TRoleRules = {
  access: Record<TObjectType, TAccess>;
  scope: TRecordScope;
  capabilities: readonly TCapability[];
};

const allObjects = (access: TAccess): Record<TObjectType, TAccess> =>
  Object.fromEntries(OBJECT_TYPES.map((type) => [type, access])) as Record<TObjectType, TAccess>;

export const ROLE_RULES: Record<TRole, TRoleRules> = {
  owner: { access: allObjects('write'), scope: 'all', capabilities: CAPABILITIES },
  admin: {
    access: allObjects('write'),
    scope: 'all',
    capabilities: CAPABILITIES.filter((c) => c !== 'workspace:delete'),
  },
  manager: {
    access: allObjects('write'),
    scope: 'all',
    capabilities: ['import', 'export', 'audit:read', 'campaigns:send'],
  },
  sales: {
    access: {
      ...allObjects('read'),
      people: 'write',
      companies: 'write',
      activities: 'write',
      tasks: 'write',
      deals: 'write',
      orders: 'write',
      products: 'write',
    },
    scope: 'team',
    capabilities: ['export'],
  },
  support: {
    access: {
      ...allObjects('read'),
      people: 'write',
      companies: 'write',
      activities: 'write',
      tasks: 'write',
      tickets: 'write',
    },
    scope: 'all',
    capabilities: [],
  },
  marketing: {
    access: {
      ...allObjects('read'),
      people: 'write',
      companies: 'write',
      activities: 'write',
      tasks: 'write',
      segments: 'write',
      campaigns: 'write',
      events: 'write',
    },
    scope: 'all',
    capabilities: ['import', 'export', 'campaigns:send'],
  },
  viewer: { access: allObjects('read'), scope: 'all', capabilities: [] },
};

export function canAccess(role: TRole, objectType: TObjectType, access: 'read' | 'write'): boolean {
  const granted = ROLE_RULES[role].access[objectType];
  return access === 'read' ? granted !== 'none' : granted === 'write';
}

export function hasCapability(role: TRole, capability: TCapability): boolean {
  return ROLE_RULES[role].capabilities.includes(capability);
}

export function getRecordScope(role: TRole): TRecordScope {
  return ROLE_RULES[role].scope;
}

/** Roles a member may hand out: nobody grants more than they have; only owners make owners. */
export function canAssignRole(actorRole: TRole, targetRole: TRole): boolean {
  if (!hasCapability(actorRole, 'users:manage')) return false;
  return targetRole !== 'owner' || actorRole === 'owner';
}
