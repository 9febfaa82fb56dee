-- Saved list views: a named filter, sort and column choice for the people or company list.
-- Personal views (is_shared false) are seen by their owner only; shared ones by the workspace.
create table views (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  object_type text not null check (object_type in ('person', 'company')),
  name text not null,
  owner_id uuid references users (id) on delete cascade,
  is_shared boolean not null default false,
  filter jsonb,
  sort text,
  columns jsonb not null default '[]',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  updated_by text,
  primary key (workspace_id, id)
);
create index views_list_idx on views (workspace_id, object_type, name, id);

alter table views enable row level security;
create policy workspace_isolation on views
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);
