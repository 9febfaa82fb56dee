-- Interactions: activities of every channel, tasks with reminders, in-app notifications.
-- Activities and tasks reach the records they concern (people, companies, later deals, tickets,
-- orders...) through link tables keyed by (record_type, record_id): a new kind of record links
-- without a schema change. Links carry a copy of the item's timeline time, so a record's timeline
-- page is read newest first straight from the link index.

create table activities (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  type text not null
    check (type in ('note', 'call', 'email', 'meeting', 'chat', 'sms', 'storeVisit', 'social', 'other')),
  channel text not null check (channel in ('store', 'web', 'mobileApp', 'phone', 'email', 'social', 'other')),
  direction text check (direction in ('in', 'out')),
  occurred_at timestamptz not null,
  duration_seconds integer check (duration_seconds >= 0),
  outcome text,
  subject text,
  body text, -- HTML, sanitised on write: clients may render it as is
  participant_ids uuid[] not null default '{}',
  owner_id uuid references users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  created_by_type text check (created_by_type in ('user', 'apiKey', 'system')),
  created_by_name text, -- as when written, like the audit log: a timeline shows who without a join
  updated_by text,
  primary key (workspace_id, id)
);
create index activities_occurred_idx on activities (workspace_id, occurred_at, id);
create index activities_owner_idx on activities (workspace_id, owner_id, occurred_at, id);

create table activity_links (
  workspace_id uuid not null,
  activity_id uuid not null,
  record_type text not null check (record_type ~ '^[a-z][a-zA-Z]{0,39}$'),
  record_id uuid not null,
  occurred_at timestamptz not null, -- the activity's, kept in step by the activities service
  primary key (workspace_id, activity_id, record_type, record_id),
  foreign key (workspace_id, activity_id) references activities (workspace_id, id) on delete cascade
);
create index activity_links_record_idx on activity_links (workspace_id, record_type, record_id, occurred_at, activity_id);

create table tasks (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  title text not null,
  description text,
  due_at timestamptz,
  -- Sort keys as plain columns (see people): tasks without a due date sort after all others,
  -- and sit on a timeline at their creation.
  due_sort timestamptz not null generated always as (coalesce(due_at, 'infinity'::timestamptz)) stored,
  timeline_at timestamptz not null generated always as (coalesce(due_at, created_at)) stored,
  assignee_id uuid references users (id) on delete set null,
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  status text not null default 'open' check (status in ('open', 'inProgress', 'done', 'cancelled')),
  completed_at timestamptz,
  -- Set once the assignee has been reminded of this due time; cleared when the due time or the
  -- assignee changes, so the new one is reminded too.
  reminded_at timestamptz,
  owner_id uuid references users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  created_by_type text check (created_by_type in ('user', 'apiKey', 'system')),
  created_by_name text, -- as when written, like the audit log: a timeline shows who without a join
  updated_by text,
  primary key (workspace_id, id)
);
create index tasks_due_idx on tasks (workspace_id, due_sort, id);
create index tasks_assignee_due_idx on tasks (workspace_id, assignee_id, due_sort, id);
create index tasks_created_idx on tasks (workspace_id, created_at, id);
-- The reminder sweep looks across workspaces for what is due and not yet reminded: a small index.
create index tasks_reminder_idx on tasks (due_at)
  where reminded_at is null and assignee_id is not null and status in ('open', 'inProgress');

create table task_links (
  workspace_id uuid not null,
  task_id uuid not null,
  record_type text not null check (record_type ~ '^[a-z][a-zA-Z]{0,39}$'),
  record_id uuid not null,
  timeline_at timestamptz not null, -- the task's, kept in step by the tasks service
  primary key (workspace_id, task_id, record_type, record_id),
  foreign key (workspace_id, task_id) references tasks (workspace_id, id) on delete cascade
);
create index task_links_record_idx on task_links (workspace_id, record_type, record_id, timeline_at, task_id);

create table notifications (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null, -- UUIDv7: time-ordered, so "newest first" is the id order
  user_id uuid not null references users (id) on delete cascade,
  kind text not null,
  title text not null,
  record_type text,
  record_id uuid,
  data jsonb not null default '{}',
  -- One notification per cause (e.g. a task's due time): a second run of a job cannot repeat it.
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  is_read boolean not null generated always as (read_at is not null) stored,
  primary key (workspace_id, id),
  unique (workspace_id, dedupe_key)
);
create index notifications_user_idx on notifications (workspace_id, user_id, is_read, id);

-- A record's field changes for its timeline, in timeline order (occurred_at, id).
create index audit_log_record_time_idx on audit_log (workspace_id, record_type, record_id, occurred_at, id);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['activities', 'activity_links', 'tasks', 'task_links', 'notifications']
  loop
    execute format('alter table %I enable row level security', tenant_table);
    execute format(
      'create policy workspace_isolation on %I
         using (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)
         with check (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)',
      tenant_table);
  end loop;
end $$;
