-- Companies get external ids (the id a shop, ERP or other CRM gives them), as people have; and
-- activities get a stable identity for imports, so that running the same file again finds the
-- activities it wrote instead of adding them a second time.

alter table companies add column external_ids jsonb not null default '[]';

-- One row per external id of a company, so "which company has this hubspot id" is a btree `=`
-- lookup (see 0002: jsonb containment cannot use an index under row-level security). The
-- companies service keeps it in step with `companies.external_ids` in the same transaction. The
-- primary key makes an external id belong to one company per workspace (a second one is a 409).
create table company_external_ids (
  workspace_id uuid not null,
  source text not null,
  value text not null,
  company_id uuid not null,
  primary key (workspace_id, source, value),
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade
);
create index company_external_ids_company_idx on company_external_ids (workspace_id, company_id);

-- An activity's identity in the system it came from (a file's "Activity id" column).
alter table activities
  add column external_source text,
  add column external_id text,
  -- Imports only, for rows without an external id: a hash of the row's mapped values and the
  -- records it links to (see modules/imports/README.md). The same row imported again finds it.
  add column import_key text,
  add constraint activities_external_id_pair check ((external_source is null) = (external_id is null));
create unique index activities_external_key on activities (workspace_id, external_source, external_id)
  where external_id is not null;
create unique index activities_import_key on activities (workspace_id, import_key) where import_key is not null;

alter table company_external_ids enable row level security;
create policy workspace_isolation on company_external_ids
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);
