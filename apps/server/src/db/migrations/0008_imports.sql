-- Imports (ADR 0007): the import itself (settings, checkpoint, counts, progress), its file in
-- PostgreSQL (any stateless Kap process can read it), the rejected rows, the before-images undo
-- needs for updated records, and saved mappings.

create table imports (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  object_type text not null check (object_type in ('person', 'company', 'activity')),
  file_name text not null,
  file_size bigint not null default 0,
  status text not null check (status in ('uploaded', 'queued', 'running', 'completed', 'failed', 'cancelled', 'undone')),
  phase text not null default 'waiting' check (phase in ('waiting', 'preparing', 'writing', 'finished')),
  -- {format, encoding, delimiter, sheet, headers} as detected or chosen.
  shape jsonb,
  sample_rows jsonb not null default '[]',
  mapping jsonb,
  is_mapping_suggested boolean not null default true,
  match text[] not null default '{}',
  mode text not null default 'skip' check (mode in ('skip', 'fillEmpty', 'overwrite')),
  -- The checkpoint: rows of the file done, advanced in the same transaction as each batch.
  processed bigint not null default 0,
  -- Number (from 1, header excluded) of the last data row done: a resumed run skips up to it.
  last_row bigint not null default 0,
  bytes_processed bigint not null default 0,
  total_estimate bigint,
  created_count integer not null default 0,
  updated_count integer not null default 0,
  skipped_count integer not null default 0,
  rejected_count integer not null default 0,
  rows_per_second real,
  eta_seconds real,
  created_fields text[] not null default '{}',
  -- The first rejected rows [{row, column, reason}]; all of them are in import_rejected_rows.
  errors jsonb not null default '[]',
  failure_reason text,
  cancel_requested boolean not null default false,
  -- Who started it, to run the job with the same rights: {type, userId, apiKeyId, name, role, teammateIds}.
  actor jsonb not null,
  -- Lease of the worker running it: each claim increments `attempt`; a batch commits only while
  -- its attempt still holds, and a stale heartbeat lets another worker resume from the checkpoint.
  attempt integer not null default 0,
  heartbeat_at timestamptz,
  run_started_at timestamptz,
  run_processed_start bigint not null default 0,
  created_by text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  undone_at timestamptz,
  primary key (workspace_id, id)
);
create index imports_list_idx on imports (workspace_id, created_at desc, id desc);
-- Workers look for work across workspaces (system connection).
create index imports_runnable_idx on imports (status, heartbeat_at) where status in ('queued', 'running');

-- The uploaded file, ~1 MB a row, written while it streams in.
create table import_file_chunks (
  workspace_id uuid not null,
  import_id uuid not null,
  seq integer not null,
  data bytea not null,
  primary key (workspace_id, import_id, seq),
  foreign key (workspace_id, import_id) references imports (workspace_id, id) on delete cascade
);
-- Bytes are already compressed or dense text; skipping TOAST compression saves CPU on upload.
alter table import_file_chunks alter column data set storage external;

create table import_rejected_rows (
  workspace_id uuid not null,
  import_id uuid not null,
  row_number bigint not null,
  -- The original cells, in file order.
  cells jsonb not null,
  column_name text,
  reason text not null,
  primary key (workspace_id, import_id, row_number),
  foreign key (workspace_id, import_id) references imports (workspace_id, id) on delete cascade
);

-- Before-images of records an import updated (created ones carry created_by = 'import:<id>').
create table import_updates (
  workspace_id uuid not null,
  import_id uuid not null,
  record_id uuid not null,
  before jsonb not null,
  version_after integer not null,
  primary key (workspace_id, import_id, record_id),
  foreign key (workspace_id, import_id) references imports (workspace_id, id) on delete cascade
);

create table import_mapping_presets (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null,
  object_type text not null check (object_type in ('person', 'company', 'activity')),
  mapping jsonb not null,
  created_by text,
  created_at timestamptz not null default now(),
  primary key (workspace_id, id)
);
create unique index import_mapping_presets_name_key on import_mapping_presets (workspace_id, object_type, lower(name));

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['imports', 'import_file_chunks', 'import_rejected_rows', 'import_updates',
    'import_mapping_presets']
  loop
    execute format('alter table %I enable row level security', tenant_table);
    execute format($p$create policy workspace_isolation on %I
      using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
      with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)$p$, tenant_table);
  end loop;
end $$;
