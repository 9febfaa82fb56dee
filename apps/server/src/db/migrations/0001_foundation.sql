-- Foundation: workspaces, accounts, access, audit, idempotency, mail outbox and people.
-- Tenant tables carry workspace_id first in their primary key and indexes, and a row-level
-- security policy that shows a transaction only the rows of the workspace it declared.

create table workspaces (
  id uuid primary key,
  name text not null,
  base_currency text not null default 'EUR',
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key,
  email text not null,
  name text not null,
  password_hash text not null,
  locale text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table memberships (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'manager', 'sales', 'support', 'marketing', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

-- Sessions and reset tokens are looked up before any workspace is known: system tables.
create table sessions (
  id text primary key, -- sha256 of the cookie token; the token itself is never stored
  user_id uuid not null references users (id) on delete cascade,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

create table password_reset_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_reset_tokens_user_idx on password_reset_tokens (user_id);

create table login_throttle (
  key text primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz
);

create table api_keys (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null,
  role text not null check (role in ('owner', 'admin', 'manager', 'sales', 'support', 'marketing', 'viewer')),
  prefix text not null,
  key_hash text not null unique,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (workspace_id, id)
);

create table invitations (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  email text not null,
  role text not null check (role in ('owner', 'admin', 'manager', 'sales', 'support', 'marketing', 'viewer')),
  token_hash text not null unique,
  invited_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  primary key (workspace_id, id)
);
create index invitations_email_idx on invitations (workspace_id, lower(email));

create table mail_outbox (
  id uuid primary key,
  workspace_id uuid references workspaces (id) on delete cascade,
  to_address text not null,
  subject text not null,
  text_body text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  error text
);
create index mail_outbox_workspace_idx on mail_outbox (workspace_id, created_at desc);

create table idempotency_keys (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  actor_id text not null,
  key text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (workspace_id, actor_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

create table audit_log (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null, -- UUIDv7: time-ordered, so "newest first" is an index scan
  occurred_at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('user', 'apiKey', 'system')),
  actor_id text,
  actor_name text,
  action text not null,
  record_type text not null,
  record_id text not null,
  before jsonb,
  after jsonb,
  request_id text,
  primary key (workspace_id, id)
);
create index audit_log_record_idx on audit_log (workspace_id, record_type, record_id, id desc);
create index audit_log_actor_idx on audit_log (workspace_id, actor_id, id desc);

create table people (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  first_name text,
  last_name text,
  -- Sort keys as plain columns: under row-level security PostgreSQL pushes only leakproof
  -- conditions into an index scan, and it treats coalesce() in an expression index as leaky.
  first_name_sort text not null generated always as (coalesce(first_name, '')) stored,
  last_name_sort text not null generated always as (coalesce(last_name, '')) stored,
  emails jsonb not null default '[]',
  phones jsonb not null default '[]',
  owner_id uuid references users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  updated_by text,
  primary key (workspace_id, id)
);
create index people_created_idx on people (workspace_id, created_at, id);
create index people_updated_idx on people (workspace_id, updated_at, id);
create index people_first_name_idx on people (workspace_id, first_name_sort, id);
create index people_last_name_idx on people (workspace_id, last_name_sort, id);
create index people_owner_idx on people (workspace_id, owner_id, created_at, id);
create index people_emails_idx on people using gin (emails jsonb_path_ops);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['memberships', 'api_keys', 'invitations', 'mail_outbox',
    'idempotency_keys', 'audit_log', 'people']
  loop
    execute format('alter table %I enable row level security', tenant_table);
    execute format(
      'create policy workspace_isolation on %I
         using (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)
         with check (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)',
      tenant_table);
  end loop;
end $$;
