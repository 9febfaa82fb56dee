-- Global search (see docs/adr/0006-search-under-rls.md).
--
-- Every searchable record has its normalised terms (names and their words, emails, phone digits,
-- company names and domains) in `search_terms`, kept in step by statement-level triggers on the
-- record tables, so any writer (service, merge, demo data, bulk loaders) keeps search right.
-- Under row-level security PostgreSQL lets only leakproof operators into an index scan; pg_trgm's
-- `%`, `like` and `similarity()` are not, so kap_app could never use the trigram index. Search
-- therefore goes through `search_records()`, a SECURITY DEFINER function that reads the workspace
-- from `kap.workspace_id` itself (never from an argument) and returns only ids and ranks; the
-- caller loads the rows through the normal RLS path.

create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- unaccent() is only STABLE (its dictionary could change), so generated columns and indexes cannot
-- use it; the two-argument form with a fixed dictionary is safe to declare IMMUTABLE.
create function search_normalize(value text) returns text
  language sql immutable strict parallel safe
  set search_path = pg_catalog, public
  as $$ select btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '\s+', ' ', 'g')) $$;

create table search_terms (
  workspace_id uuid not null,
  record_type text not null check (record_type ~ '^[a-z][a-zA-Z]{0,39}$'),
  record_id uuid not null,
  kind text not null check (kind in ('name', 'email', 'phone', 'domain', 'text')),
  term text not null,
  owner_id uuid, -- for "own"-scope roles: filtered inside the index search, not after it
  updated_at timestamptz not null, -- "recently touched first" without reading the record
  primary key (workspace_id, record_type, record_id, kind, term)
);
-- A term's newest records first: the top N per matched term without reading all its records.
create index search_terms_term_idx on search_terms (workspace_id, kind, term, updated_at desc);

-- The distinct terms of a workspace: what the trigram and prefix searches run over. Common names
-- are shared by thousands of people; matching them once here and then reading only each term's
-- newest records keeps a search fast at a million people. Words are never removed (a stale one
-- just has no records left): it is an index, not a fact.
create table search_words (
  workspace_id uuid not null,
  kind text not null,
  term text not null,
  primary key (workspace_id, kind, term)
);
create index search_words_prefix_idx on search_words (workspace_id, term text_pattern_ops);
create index search_words_name_trgm_idx on search_words using gin (term gin_trgm_ops) where kind = 'name';
create index search_words_phone_trgm_idx on search_words using gin (term gin_trgm_ops) where kind = 'phone';

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['search_terms', 'search_words']
  loop
    execute format('alter table %I enable row level security', tenant_table);
    execute format(
      'create policy workspace_isolation on %I
         using (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)
         with check (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)',
      tenant_table);
  end loop;
end $$;

-- Names count whole and word by word, so "petros" finds "Anna Petrosyan" as a prefix match.
create function search_name_terms(names text[]) returns setof text
  language sql immutable parallel safe
  set search_path = pg_catalog, public
  as $$
    select distinct t from (
      select public.search_normalize(n) as t from unnest(names) n
      union all
      select w from unnest(names) n, regexp_split_to_table(public.search_normalize(n), ' ') w
    ) x where t is not null and t <> ''
  $$;

create function search_sync_people() returns trigger
  language plpgsql
  set search_path = pg_catalog, public
  as $$
  declare
    -- On UPDATE, the people whose searchable values or owner changed; the rest (a new tag, a new
    -- stage: bulk actions touch 100k people at a time) only move in recency.
    v_changed uuid[];
  begin
    if tg_op = 'UPDATE' then
      select coalesce(array_agg(n.id), '{}') into v_changed
        from new_rows n join old_rows o on o.workspace_id = n.workspace_id and o.id = n.id
       where (o.first_name, o.last_name, o.display_name, o.emails, o.phones, o.owner_id)
             is distinct from (n.first_name, n.last_name, n.display_name, n.emails, n.phones, n.owner_id);
      update search_terms s set updated_at = n.updated_at
        from new_rows n
       where s.workspace_id = n.workspace_id and s.record_type = 'person' and s.record_id = n.id
         and n.id <> all(v_changed) and s.updated_at is distinct from n.updated_at;
      delete from search_terms s using old_rows o
       where s.workspace_id = o.workspace_id and s.record_type = 'person' and s.record_id = o.id
         and o.id = any(v_changed);
    elsif tg_op = 'DELETE' then
      delete from search_terms s using old_rows o
       where s.workspace_id = o.workspace_id and s.record_type = 'person' and s.record_id = o.id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      with added as (
      insert into search_terms (workspace_id, record_type, record_id, kind, term, owner_id, updated_at)
      select n.workspace_id, 'person', n.id, t.kind, t.term, n.owner_id, n.updated_at
        from (select * from new_rows where v_changed is null or id = any(v_changed)) n,
        lateral (
          select 'name' as kind, x as term
            from search_name_terms(array[n.first_name, n.last_name, n.display_name,
                                         concat_ws(' ', n.first_name, n.last_name)]) x
          union
          select 'email', lower(e.value ->> 'email') from jsonb_array_elements(n.emails) e
           where coalesce(e.value ->> 'email', '') <> ''
          union
          -- Digits only: "+374 10 123456", "37410123456" and "(010) 123-456" all meet here.
          select 'phone', regexp_replace(ph.value ->> 'number', '\D', '', 'g') from jsonb_array_elements(n.phones) ph
           where regexp_replace(coalesce(ph.value ->> 'number', ''), '\D', '', 'g') <> ''
        ) t
      on conflict do nothing
      returning workspace_id, kind, term)
      insert into search_words (workspace_id, kind, term)
      select distinct workspace_id, kind, term from added
      on conflict do nothing;
    end if;
    return null;
  end $$;

create trigger people_search_insert after insert on people
  referencing new table as new_rows for each statement execute function search_sync_people();
create trigger people_search_update after update on people
  referencing old table as old_rows new table as new_rows for each statement execute function search_sync_people();
create trigger people_search_delete after delete on people
  referencing old table as old_rows for each statement execute function search_sync_people();

create function search_sync_companies() returns trigger
  language plpgsql
  set search_path = pg_catalog, public
  as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      delete from search_terms s using old_rows o
       where s.workspace_id = o.workspace_id and s.record_type = 'company' and s.record_id = o.id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      with added as (
      insert into search_terms (workspace_id, record_type, record_id, kind, term, owner_id, updated_at)
      select n.workspace_id, 'company', n.id, t.kind, t.term, n.owner_id, n.updated_at
        from new_rows n,
        lateral (
          select 'name' as kind, x as term from search_name_terms(array[n.name]) x
          union
          select 'domain', lower(d) from unnest(n.domains) d where coalesce(d, '') <> ''
        ) t
      on conflict do nothing
      returning workspace_id, kind, term)
      insert into search_words (workspace_id, kind, term)
      select distinct workspace_id, kind, term from added
      on conflict do nothing;
    end if;
    return null;
  end $$;

create trigger companies_search_insert after insert on companies
  referencing new table as new_rows for each statement execute function search_sync_companies();
create trigger companies_search_update after update on companies
  referencing old table as old_rows new table as new_rows for each statement execute function search_sync_companies();
create trigger companies_search_delete after delete on companies
  referencing old table as old_rows for each statement execute function search_sync_companies();

-- Records that exist before this migration.
insert into search_terms (workspace_id, record_type, record_id, kind, term, owner_id, updated_at)
select p.workspace_id, 'person', p.id, 'name', x, p.owner_id, p.updated_at
  from people p, search_name_terms(array[p.first_name, p.last_name, p.display_name,
                                         concat_ws(' ', p.first_name, p.last_name)]) x
union
select p.workspace_id, 'person', p.id, 'email', lower(e.value ->> 'email'), p.owner_id, p.updated_at
  from people p, jsonb_array_elements(p.emails) e where coalesce(e.value ->> 'email', '') <> ''
union
select p.workspace_id, 'person', p.id, 'phone', regexp_replace(ph.value ->> 'number', '\D', '', 'g'), p.owner_id, p.updated_at
  from people p, jsonb_array_elements(p.phones) ph
 where regexp_replace(coalesce(ph.value ->> 'number', ''), '\D', '', 'g') <> ''
union
select c.workspace_id, 'company', c.id, 'name', x, c.owner_id, c.updated_at
  from companies c, search_name_terms(array[c.name]) x
union
select c.workspace_id, 'company', c.id, 'domain', lower(d), c.owner_id, c.updated_at
  from companies c, unnest(c.domains) d where coalesce(d, '') <> ''
on conflict do nothing;
insert into search_words (workspace_id, kind, term)
select distinct workspace_id, kind, term from search_terms
on conflict do nothing;

-- Ids and ranks of the records of the CURRENT workspace whose terms match. Runs as the migration
-- owner (bypassing RLS, so the trigram index is used); the workspace comes only from the
-- transaction's `kap.workspace_id`, so a caller cannot reach another workspace. `p_query` is
-- normalised here; `p_digits` (phone-like queries only, else '') matches inside phone numbers.
-- Rank: 3 exact, 2 prefix, 1 fuzzy (trigram similarity ≥ pg_trgm.similarity_threshold).
-- Dynamic SQL on purpose: a one-shot plan sees the values as constants, which the btree needs to
-- turn `like 'abc%'` into a range and which lets the planner drop the branches that do not apply.
-- Exact and prefix matches come first; the fuzzy step runs only when they leave the page short.
create function search_records(
  p_query text,
  p_digits text,
  p_types text[],
  p_owner_ids uuid[], -- null: every owner; else the owners an "own"/"team"-scope actor sees
  p_limit integer
) returns table (record_type text, record_id uuid, rank integer, score real, updated_at timestamptz)
  language plpgsql stable security definer
  set search_path = pg_catalog, public
  -- The planner underrates the trigram index for long queries and reads every word instead
  -- (80 ms at 50k words); every step here has an index made for it.
  set enable_seqscan = off
  rows 10
  as $fn$
  declare
    v_workspace uuid := nullif(current_setting('kap.workspace_id', true), '')::uuid;
    v_query text := public.search_normalize(p_query);
    v_digits text := coalesce(p_digits, '');
    v_limit integer := least(greatest(p_limit, 1), 100);
    v_seen uuid[] := '{}';
    v_found record;
    -- Given matched words, each word's newest records only (enough for the top $7), ranked.
    v_rank_words constant text := $sql$,
      scored as (
        select w.kind, w.term,
               case when w.term = $2 or w.term = $4 then 3 when w.term like $3 then 2 else 1 end as rank,
               similarity(w.term, $2) as score
          from words w
      ),
      hits as (
        select p.record_type, p.record_id, p.updated_at, w.rank, w.score
          from scored w
          cross join lateral (
            select s.record_type, s.record_id, s.updated_at
              from search_terms s
             where s.workspace_id = $1 and s.kind = w.kind and s.term = w.term
               and s.record_type = any($5) and ($6::uuid[] is null or s.owner_id = any($6))
               and not (s.record_id = any($8))
             order by s.updated_at desc
             limit $7) p
      ),
      ranked as (
        select h.record_type, h.record_id, max(h.updated_at) as updated_at, max(h.rank) as rank,
               max(h.score) as score
          from hits h
         group by h.record_type, h.record_id
      )
      select r.record_type, r.record_id, r.rank, r.score, r.updated_at
        from ranked r
       -- Fuzzy matches order by closeness first; exact and prefix ones by recency.
       order by r.rank desc, case when r.rank = 1 then r.score else 0 end desc, r.updated_at desc, r.record_id
       limit $7
    $sql$;
    v_pattern text;
  begin
    if v_workspace is null or coalesce(v_query, '') = '' then
      return;
    end if;
    v_pattern := replace(replace(replace(v_query, '\', '\\'), '%', '\%'), '_', '\_') || '%';
    -- 1. Exact and prefix words of any kind, and phone numbers starting with the digits: the btree
    --    (the exact word sorts first in its range).
    for v_found in execute $sql$
      with words as (
        (select w.kind, w.term from search_words w
          where w.workspace_id = $1 and w.term like $3
          order by w.term limit 50)
        union
        (select w.kind, w.term from search_words w
          where char_length($4) >= 4 and w.workspace_id = $1 and w.term like $4 || '%' and w.kind = 'phone'
          order by w.term limit 50)
      )$sql$ || v_rank_words
      using v_workspace, v_query, v_pattern, v_digits, p_types, p_owner_ids, v_limit, v_seen
    loop
      record_type := v_found.record_type;
      record_id := v_found.record_id;
      rank := v_found.rank;
      score := v_found.score;
      updated_at := v_found.updated_at;
      v_seen := v_seen || v_found.record_id;
      return next;
    end loop;
    -- 2. Only when exact and prefix matches left the page short (these rank below them anyway, and
    --    trigram scans are the costly step): similar names, and phone numbers holding the digits
    --    anywhere (a national "010 123456" lacks the country code). Names only from three characters
    --    and without digits or "@": emails and domains have no "similar".
    if cardinality(v_seen) >= v_limit then
      return;
    end if;
    return query execute $sql$
      with words as (
        -- (workspace compared as text: the trigram indexes must drive these scans, not the key)
        (select w.kind, w.term from search_words w
          where char_length($2) >= 3 and $2 !~ '[0-9@]'
            and w.kind = 'name' and w.term % $2 and w.workspace_id::text = $1::text
          order by similarity(w.term, $2) desc limit 50)
        union
        (select w.kind, w.term from search_words w
          where char_length($4) >= 4 and w.kind = 'phone' and w.term like '%' || $4 || '%'
            and w.workspace_id::text = $1::text
          limit 50)
      )$sql$ || v_rank_words
      using v_workspace, v_query, v_pattern, v_digits, p_types, p_owner_ids, v_limit - cardinality(v_seen), v_seen;
  end $fn$;

-- Only the request role may call it. On a fresh install kap_app does not exist yet (the migrator
-- creates it after the migrations), so it is created here the same way.
revoke all on function search_records(text, text, text[], uuid[], integer) from public;
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'kap_app') then
    create role kap_app nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;
grant execute on function search_records(text, text, text[], uuid[], integer) to kap_app;
