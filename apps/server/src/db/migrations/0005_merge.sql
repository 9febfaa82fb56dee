-- Duplicates and merge of people and companies.
--
-- record_merges: a merged record's id keeps resolving to the record it was merged into (GET by a
-- merged id answers with the survivor). Chains are flattened on write: when a survivor is merged
-- in turn, every id that pointed at it is repointed, so a lookup is one btree `=` probe.
--
-- Name similarity (pg_trgm) and row-level security: PostgreSQL only lets LEAKPROOF operators into
-- an index scan on a table with a policy, and `%`/similarity() are not leakproof. So:
--  * people: the candidates are bounded first by indexed equality (same company through
--    person_companies, same city through people.address_city) and similarity() runs on that
--    small set;
--  * companies: there is no such narrower key, so `kap_similar_companies` is a SECURITY DEFINER
--    function that reads the workspace from `kap.workspace_id` (never from an argument, so a
--    caller cannot ask about another workspace) and can use the trigram index.

create extension if not exists pg_trgm;

create table record_merges (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  record_type text not null check (record_type ~ '^[a-z][a-zA-Z]{0,39}$'),
  merged_id uuid not null,
  survivor_id uuid not null,
  merged_at timestamptz not null default now(),
  merged_by text,
  primary key (workspace_id, record_type, merged_id)
);
create index record_merges_survivor_idx on record_merges (workspace_id, record_type, survivor_id);

-- The city of a person's first address, lowercased: the equality key that bounds "same city"
-- name-similarity candidates (jsonb operators are not leakproof, so the jsonb cannot be probed).
alter table people
  add column address_city text generated always as (lower(nullif(btrim(addresses -> 0 ->> 'city'), ''))) stored;
create index people_address_city_idx on people (workspace_id, address_city) where address_city is not null;

create index companies_name_trgm_idx on companies using gin (lower(name) gin_trgm_ops);

create function kap_similar_companies(p_name text, p_min_score real, p_limit integer)
  returns table (company_id uuid, score real)
  language sql stable security definer
  set search_path = public, pg_temp
as $$
  select c.id, similarity(lower(c.name), lower(p_name))
    from companies c
   where c.workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid
     and lower(c.name) % lower(p_name)
     and similarity(lower(c.name), lower(p_name)) >= p_min_score
   order by 2 desc, c.id
   limit least(greatest(p_limit, 0), 200)
$$;
-- Executable by PUBLIC (the default), kap_app included: without `kap.workspace_id` it finds nothing.

alter table record_merges enable row level security;
create policy workspace_isolation on record_merges
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);
