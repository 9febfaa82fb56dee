-- Omnichannel events (ADR 0008): what customers do on the web, in the app, in the store...
-- Built to grow to billions of rows: monthly range partitions on occurred_at (created ahead by the
-- maintenance job and on demand for a batch's months), a default partition so nothing is lost,
-- row-level security on the parent (kap_app only ever reads and writes through the parent).
-- No foreign keys: a per-row check would take FOR KEY SHARE on the same workspace row for every
-- event of every concurrent batch (multixacts); people deletion and merges are handled by the
-- events module instead.
create table events (
  workspace_id uuid not null,
  occurred_at timestamptz not null,
  -- The sender's own id of the event: a retry carries the same id and occurredAt, so the unique
  -- key below makes ingestion idempotent.
  event_id text not null,
  type text not null,
  channel text not null,
  person_id uuid,
  anonymous_id text,
  -- Set only while person_id is null: what to link the event by later ('anon:<id>',
  -- 'email:<lowercase>', 'phone:<E.164>', 'externalId:<source>:<id>').
  pending_key text,
  properties jsonb not null default '{}',
  received_at timestamptz not null default now(),
  primary key (workspace_id, event_id, occurred_at)
) partition by range (occurred_at);

-- (a) a person's timeline, newest first; (b) "did X N times in the last D days" across people
-- (an index-only scan: type and time range, person counted from the index).
create index events_person_idx on events (workspace_id, person_id, occurred_at desc) where person_id is not null;
create index events_frequency_idx on events (workspace_id, type, occurred_at, person_id);
-- Tiny: only unlinked events, found again when their visitor or customer becomes known.
create index events_pending_idx on events (workspace_id, pending_key) where pending_key is not null;

alter table events enable row level security;
create policy workspace_isolation on events
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);

-- Kap reads and writes partitions only through the parent, whose policy applies; each partition
-- carries the same policy anyway, should anything ever name one directly.
create function events_protect_partition(p_name text) returns void
  language plpgsql
  set search_path = pg_catalog, public
  as $fn$
  begin
    execute format('alter table public.%I enable row level security', p_name);
    execute format($p$create policy workspace_isolation on public.%I
      using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
      with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)$p$, p_name);
  end $fn$;
revoke all on function events_protect_partition(text) from public;

create table events_default partition of events default;
select events_protect_partition('events_default');

-- The partition of the month of p_month (events_pYYYY_MM), if missing. Created beside the table
-- and attached (SHARE UPDATE EXCLUSIVE on the parent, so ingestion keeps running) after moving
-- that month's rows out of the default partition, where they waited meanwhile. Ingestion calls it
-- (as kap_app, hence security definer) for a batch's new months: only months from five years back
-- to three ahead get a partition, so no client can make thousands; the rest stay in the default.
create function events_ensure_partition(p_month date) returns boolean
  language plpgsql security definer
  set search_path = pg_catalog, public
  as $fn$
  declare
    v_month date := date_trunc('month', p_month)::date;
    v_name text := 'events_p' || to_char(v_month, 'YYYY_MM');
    -- Months in UTC, whatever the session's TimeZone.
    v_from text := to_char(v_month, 'YYYY-MM-DD') || ' 00:00:00+00';
    v_to text := to_char(v_month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00';
  begin
    if to_regclass('public.' || v_name) is not null then return false; end if;
    if v_month < (date_trunc('month', now() at time zone 'UTC') - interval '60 months')
       or v_month > (date_trunc('month', now() at time zone 'UTC') + interval '3 months') then
      return false;
    end if;
    perform pg_advisory_xact_lock(4242010);
    if to_regclass('public.' || v_name) is not null then return false; end if;
    execute format('create table public.%I (like public.events including defaults including constraints)', v_name);
    -- No new row of that month may reach the default partition between the move and the attach.
    lock table public.events_default in share row exclusive mode;
    execute format(
      'with moved as (delete from public.events_default where occurred_at >= %L and occurred_at < %L returning *)
       insert into public.%I select * from moved', v_from, v_to, v_name);
    -- The check constraint lets attach skip scanning the new table.
    execute format('alter table public.%I add constraint %I check (occurred_at >= %L and occurred_at < %L)',
      v_name, v_name || '_range', v_from, v_to);
    execute format('alter table public.events attach partition public.%I for values from (%L) to (%L)', v_name, v_from, v_to);
    execute format('alter table public.%I drop constraint %I', v_name, v_name || '_range');
    perform events_protect_partition(v_name);
    return true;
  end $fn$;
revoke all on function events_ensure_partition(date) from public;
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'kap_app') then
    create role kap_app nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;
grant execute on function events_ensure_partition(date) to kap_app;

-- This month and the next two exist from the start; the maintenance job keeps ahead.
select events_ensure_partition((date_trunc('month', now() at time zone 'UTC') + make_interval(months => m))::date)
  from generate_series(0, 2) as m;

-- An anonymous visitor (cookie, device id) known to be this person: later events with only the
-- anonymous id are linked at ingestion; earlier ones were linked when the mapping was made.
create table anonymous_identities (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  anonymous_id text not null,
  person_id uuid not null,
  linked_at timestamptz not null default now(),
  primary key (workspace_id, anonymous_id),
  foreign key (workspace_id, person_id) references people (workspace_id, id) on delete cascade
);
create index anonymous_identities_person_idx on anonymous_identities (workspace_id, person_id);

alter table anonymous_identities enable row level security;
create policy workspace_isolation on anonymous_identities
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);

-- Keys ('anon:…', 'email:…'...) that unlinked events wait under: one small table to probe per
-- batch, instead of the partial pending index of every monthly partition.
create table event_pending_keys (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  key text not null,
  primary key (workspace_id, key)
);

alter table event_pending_keys enable row level security;
create policy workspace_isolation on event_pending_keys
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);

create table events_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  -- An event naming an unknown email/phone/external id creates that person (else it waits unlinked).
  create_unknown_people boolean not null default false,
  updated_at timestamptz not null default now(),
  updated_by text
);

alter table events_settings enable row level security;
create policy workspace_isolation on events_settings
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);

-- API key scopes: null or empty = everything the key's role allows (keys made before this);
-- otherwise only the routes of those scopes (e.g. {events:write} for a shop backend).
alter table api_keys add column scopes text[];
