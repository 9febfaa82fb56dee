-- Customer records: people grown to the full record, companies, person↔company links, custom
-- field definitions, the lookup table of people's identifiers and the people settings of a
-- workspace (lifecycle stages, default phone country).
--
-- Row-level security limits index use: PostgreSQL only lets LEAKPROOF conditions of a query run
-- inside an index scan on a table with a policy, and jsonb/array containment (@>, ?) are not
-- leakproof. So whatever must be found fast by value (emails, phones, external ids, sort keys)
-- lives in plain columns compared with `=`; the GIN indexes below serve the system connection
-- (exports, maintenance) and the later filter work, not kap_app's filtered lists.

create table people_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  -- ISO 3166 country for phone numbers typed without "+"; null: such numbers are refused.
  default_country text check (default_country ~ '^[A-Z]{2}$'),
  -- [{key, label}] in display order; null: the built-in stages.
  lifecycle_stages jsonb,
  updated_at timestamptz not null default now()
);

alter table people
  add column display_name text,
  add column addresses jsonb not null default '[]',
  add column birth_date date,
  add column gender text,
  add column preferred_language text,
  add column preferred_channel text,
  add column timezone text,
  add column job_title text,
  add column lifecycle_stage text,
  add column lead_source text,
  add column tags text[] not null default '{}',
  add column interests text[] not null default '{}',
  add column preferences jsonb not null default '{}',
  add column external_ids jsonb not null default '[]',
  add column custom_fields jsonb not null default '{}',
  -- What lists show and sort by: the chosen display name, else "first last", else the primary
  -- email or phone. A plain column, so that sorting by it stays an index scan under RLS.
  add column display_name_sort text not null generated always as (
    coalesce(
      nullif(btrim(display_name), ''),
      nullif(btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''),
      jsonb_path_query_first(emails, '$[*] ? (@.isPrimary == true).email') #>> '{}',
      jsonb_path_query_first(phones, '$[*] ? (@.isPrimary == true).number') #>> '{}',
      ''
    )
  ) stored;
create index people_display_name_idx on people (workspace_id, display_name_sort, id);
create index people_lifecycle_stage_idx on people (workspace_id, lifecycle_stage);
create index people_custom_fields_idx on people using gin (custom_fields jsonb_path_ops);

-- Emails (lowercase), phones (E.164) and external ids of every person, one row each, so that
-- "who has this email / phone / shop id" is a btree lookup. The people service keeps it in step
-- with the person's jsonb lists in the same transaction. `source` is '' except for external ids.
create table person_identifiers (
  workspace_id uuid not null,
  kind text not null check (kind in ('email', 'phone', 'externalId')),
  source text not null default '',
  value text not null,
  person_id uuid not null,
  primary key (workspace_id, kind, source, value, person_id),
  foreign key (workspace_id, person_id) references people (workspace_id, id) on delete cascade
);
create index person_identifiers_person_idx on person_identifiers (workspace_id, person_id);
-- One person per (source, id) in a workspace: a second one is a duplicate (409).
create unique index person_identifiers_external_key on person_identifiers (workspace_id, source, value)
  where kind = 'externalId';

-- Existing people get their identifiers. Only phones already in international form (+…) can be
-- normalised without knowing a country; the rest are indexed when they are next saved.
insert into person_identifiers (workspace_id, kind, source, value, person_id)
select p.workspace_id, 'email', '', lower(e.value ->> 'email'), p.id
  from people p, jsonb_array_elements(p.emails) e
 where e.value ->> 'email' is not null
union
select p.workspace_id, 'phone', '', '+' || regexp_replace(ph.value ->> 'number', '\D', '', 'g'), p.id
  from people p, jsonb_array_elements(p.phones) ph
 where ph.value ->> 'number' like '+%'
on conflict do nothing;

create table companies (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null,
  domains text[] not null default '{}',
  industry text,
  size text check (size in ('1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001-10000', '10001+')),
  annual_revenue numeric(20, 2) check (annual_revenue >= 0),
  currency text check (currency ~ '^[A-Z]{3}$'),
  addresses jsonb not null default '[]',
  parent_company_id uuid,
  owner_id uuid references users (id) on delete set null,
  tags text[] not null default '{}',
  custom_fields jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  updated_by text,
  primary key (workspace_id, id),
  -- Only the parent column is cleared (PostgreSQL ≥ 15); the service clears it first anyway, to audit it.
  foreign key (workspace_id, parent_company_id) references companies (workspace_id, id)
    on delete set null (parent_company_id)
);
create index companies_name_idx on companies (workspace_id, name, id);
create index companies_created_idx on companies (workspace_id, created_at, id);
create index companies_updated_idx on companies (workspace_id, updated_at, id);
create index companies_owner_idx on companies (workspace_id, owner_id, created_at, id);
create index companies_industry_idx on companies (workspace_id, industry);
create index companies_parent_idx on companies (workspace_id, parent_company_id);
create index companies_custom_fields_idx on companies using gin (custom_fields jsonb_path_ops);

-- A person belongs to any number of companies, at most one of them primary.
create table person_companies (
  workspace_id uuid not null,
  person_id uuid not null,
  company_id uuid not null,
  is_primary boolean not null default false,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (workspace_id, person_id, company_id),
  foreign key (workspace_id, person_id) references people (workspace_id, id) on delete cascade,
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade
);
create index person_companies_company_idx on person_companies (workspace_id, company_id, person_id);
create unique index person_companies_primary_key on person_companies (workspace_id, person_id) where is_primary;

create table custom_fields (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  object_type text not null,
  key text not null,
  label text not null,
  type text not null,
  options jsonb,
  relation_object_type text,
  is_archived boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  updated_by text,
  primary key (workspace_id, id)
);
create unique index custom_fields_key on custom_fields (workspace_id, object_type, key);

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['people_settings', 'person_identifiers', 'companies',
    'person_companies', 'custom_fields']
  loop
    execute format('alter table %I enable row level security', tenant_table);
    execute format(
      'create policy workspace_isolation on %I
         using (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)
         with check (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)',
      tenant_table);
  end loop;
end $$;
