-- The sales pipeline: pipelines with ordered stages, deals moving through them, and the history of
-- every move (from which time in stage and conversion are computed; see modules/deals/README.md).
-- Money is numeric(20, 2): exact, answered as decimal strings.

create table pipelines (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null check (char_length(name) between 1 and 100),
  is_default boolean not null default false,
  position integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  updated_by text,
  primary key (workspace_id, id)
);
-- One default pipeline per workspace (the one created lazily on first use).
create unique index pipelines_default_idx on pipelines (workspace_id) where is_default;

create table pipeline_stages (
  workspace_id uuid not null,
  id uuid not null,
  pipeline_id uuid not null,
  name text not null check (char_length(name) between 1 and 100),
  position integer not null,
  probability integer not null check (probability between 0 and 100),
  kind text not null default 'open' check (kind in ('open', 'won', 'lost')),
  primary key (workspace_id, id),
  foreign key (workspace_id, pipeline_id) references pipelines (workspace_id, id) on delete cascade
);
create index pipeline_stages_pipeline_idx on pipeline_stages (workspace_id, pipeline_id, position);

create table deals (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null,
  pipeline_id uuid not null,
  stage_id uuid not null,
  -- Derived from the stage's kind, kept with the row so lists, filters and the forecast need no join.
  status text not null default 'open' check (status in ('open', 'won', 'lost')),
  amount numeric(20, 2) not null default 0 check (amount >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  expected_close_date date,
  owner_id uuid references users (id) on delete set null,
  company_id uuid,
  source text,
  lost_reason text,
  stage_entered_at timestamptz not null default now(),
  closed_at timestamptz,
  custom_fields jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  updated_by text,
  primary key (workspace_id, id),
  foreign key (workspace_id, pipeline_id) references pipelines (workspace_id, id),
  -- A stage with deals cannot go: the service answers 409 or moves them first.
  foreign key (workspace_id, stage_id) references pipeline_stages (workspace_id, id),
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete set null (company_id)
);
create index deals_name_idx on deals (workspace_id, name, id);
create index deals_created_idx on deals (workspace_id, created_at, id);
create index deals_updated_idx on deals (workspace_id, updated_at, id);
create index deals_stage_idx on deals (workspace_id, pipeline_id, stage_id, updated_at, id);
create index deals_owner_idx on deals (workspace_id, owner_id, id);
create index deals_company_idx on deals (workspace_id, company_id, created_at, id);
create index deals_close_idx on deals (workspace_id, expected_close_date, id);

create table deal_people (
  workspace_id uuid not null,
  deal_id uuid not null,
  person_id uuid not null,
  primary key (workspace_id, deal_id, person_id),
  foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete cascade,
  foreign key (workspace_id, person_id) references people (workspace_id, id) on delete cascade
);
create index deal_people_person_idx on deal_people (workspace_id, person_id, deal_id);

-- Products as line items. product_id has no foreign key: products belong to the products module
-- (validated through its exports); name and unit price are a snapshot taken when the line is written.
create table deal_line_items (
  workspace_id uuid not null,
  deal_id uuid not null,
  position integer not null,
  product_id uuid,
  name text not null,
  quantity numeric(18, 4) not null check (quantity > 0),
  unit_price numeric(20, 2) not null check (unit_price >= 0),
  discount_percent numeric(5, 2) not null default 0 check (discount_percent between 0 and 100),
  primary key (workspace_id, deal_id, position),
  foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete cascade
);

-- Every stage move, written in the same transaction as the move. The deal's creation is its first
-- entry (from_stage_id null).
create table deal_stage_history (
  workspace_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  pipeline_id uuid not null,
  from_stage_id uuid,
  to_stage_id uuid not null,
  moved_at timestamptz not null default now(),
  moved_by text,
  moved_by_type text check (moved_by_type in ('user', 'apiKey', 'system')),
  moved_by_name text,
  primary key (workspace_id, id),
  foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete cascade
);
create index deal_stage_history_deal_idx on deal_stage_history (workspace_id, deal_id, moved_at, id);
create index deal_stage_history_pipeline_idx on deal_stage_history (workspace_id, pipeline_id, deal_id, moved_at);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['pipelines', 'pipeline_stages', 'deals', 'deal_people',
    'deal_line_items', 'deal_stage_history']
  loop
    execute format('alter table %I enable row level security', tenant_table);
    execute format(
      'create policy workspace_isolation on %I
         using (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)
         with check (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)',
      tenant_table);
  end loop;
end $$;

-- Saved views of deals: 'deal' joins the allowed object types, keeping any another migration added.
do $$
declare
  v_types text[];
begin
  select coalesce(array_agg(distinct m[1]), '{}') into v_types
    from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([A-Za-z]+)''', 'g') m
   where c.conrelid = 'views'::regclass and c.conname = 'views_object_type_check';
  if not ('deal' = any(v_types)) then
    v_types := array(select distinct t from unnest(v_types || array['person', 'company', 'deal']) t order by t);
    alter table views drop constraint if exists views_object_type_check;
    execute format('alter table views add constraint views_object_type_check check (object_type = any (%L::text[]))', v_types);
  end if;
end $$;

-- Global search: deal names (see 0004_search.sql for how terms and words work).
create function search_sync_deals() returns trigger
  language plpgsql
  set search_path = pg_catalog, public
  as $$
  declare
    v_changed uuid[];
  begin
    if tg_op = 'UPDATE' then
      -- Stage moves and amount changes only move recency; a new name or owner rewrites the terms.
      select coalesce(array_agg(n.id), '{}') into v_changed
        from new_rows n join old_rows o on o.workspace_id = n.workspace_id and o.id = n.id
       where (o.name, o.owner_id) is distinct from (n.name, n.owner_id);
      update search_terms s set updated_at = n.updated_at
        from new_rows n
       where s.workspace_id = n.workspace_id and s.record_type = 'deal' and s.record_id = n.id
         and n.id <> all(v_changed) and s.updated_at is distinct from n.updated_at;
      delete from search_terms s using old_rows o
       where s.workspace_id = o.workspace_id and s.record_type = 'deal' and s.record_id = o.id
         and o.id = any(v_changed);
    elsif tg_op = 'DELETE' then
      delete from search_terms s using old_rows o
       where s.workspace_id = o.workspace_id and s.record_type = 'deal' and s.record_id = o.id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      with added as (
      insert into search_terms (workspace_id, record_type, record_id, kind, term, owner_id, updated_at)
      select n.workspace_id, 'deal', n.id, 'name', x, n.owner_id, n.updated_at
        from (select * from new_rows where v_changed is null or id = any(v_changed)) n,
             search_name_terms(array[n.name]) x
      on conflict do nothing
      returning workspace_id, kind, term)
      insert into search_words (workspace_id, kind, term)
      select distinct workspace_id, kind, term from added
      on conflict do nothing;
    end if;
    return null;
  end $$;

create trigger deals_search_insert after insert on deals
  referencing new table as new_rows for each statement execute function search_sync_deals();
create trigger deals_search_update after update on deals
  referencing old table as old_rows new table as new_rows for each statement execute function search_sync_deals();
create trigger deals_search_delete after delete on deals
  referencing old table as old_rows for each statement execute function search_sync_deals();
