-- Teams inside a workspace. A member belongs to at most one team; roles whose record scope is
-- "team" see the records owned by anyone in their team (and their own when they have no team).

create table teams (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null,
  created_at timestamptz not null default now(),
  primary key (workspace_id, id)
);
create unique index teams_name_key on teams (workspace_id, lower(name));

alter table memberships add column team_id uuid;
alter table memberships
  add constraint memberships_team_fk foreign key (workspace_id, team_id)
  references teams (workspace_id, id) on delete set null (team_id);
create index memberships_team_idx on memberships (workspace_id, team_id);

alter table teams enable row level security;
create policy workspace_isolation on teams
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);
