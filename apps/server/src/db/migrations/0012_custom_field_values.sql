-- Custom field values, one row per value (one per option of a multi-select), typed and indexed, so
-- that list filters on custom fields are index scans under row-level security. (Expressions over a
-- jsonb column are not leakproof, so PostgreSQL cannot use an expression or GIN index on
-- `custom_fields` for the kap_app role: a rare value scanned the whole workspace.) The record's
-- `custom_fields` jsonb stays the source of truth; statement-level triggers keep these rows in
-- step, whatever writes the record (API, bulk actions, merges, imports).
create table custom_field_values (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  record_type text not null,
  record_id uuid not null,
  field_key text not null,
  -- Every value as text (numbers as written, booleans as true/false); typed copies where the JSON
  -- value reads as one: numbers (and currency amounts), dates (YYYY-MM-DD), times (ISO 8601).
  value_text text,
  -- float8, not numeric: only leakproof comparisons can use an index under row-level security,
  -- and numeric's are not. Filters compare within float8 precision; custom_fields keeps the exact value.
  value_number float8,
  value_date date,
  value_time timestamptz
);
create index custom_field_values_record_idx on custom_field_values (workspace_id, record_type, record_id);
create index custom_field_values_text_idx
  on custom_field_values (workspace_id, record_type, field_key, value_text, record_id);
create index custom_field_values_number_idx
  on custom_field_values (workspace_id, record_type, field_key, value_number, record_id)
  where value_number is not null;
create index custom_field_values_date_idx
  on custom_field_values (workspace_id, record_type, field_key, value_date, record_id)
  where value_date is not null;
create index custom_field_values_time_idx
  on custom_field_values (workspace_id, record_type, field_key, value_time, record_id)
  where value_time is not null;

alter table custom_field_values enable row level security;
create policy workspace_isolation on custom_field_values
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);

-- One record's values, typed by their field's definition. The app validated each value on write
-- (real calendar dates, ISO times, canonical amounts); the patterns only keep a hand-edited row
-- from failing a write. Plain SQL without SET options, so the planner inlines it into callers.
create function custom_field_value_rows(p_workspace_id uuid, p_record_type text, p_fields jsonb)
  returns table (field_key text, value_text text, value_number float8, value_date date, value_time timestamptz)
  language sql stable
  as $$
    select f.key, v.text_value,
           case when d.type = 'number' and jsonb_typeof(v.value) = 'number' then (v.value #>> '{}')::float8
                when d.type = 'currency' and (v.value ->> 'amount') ~ '^-?\d{1,20}(\.\d{1,10})?$'
                  then (v.value ->> 'amount')::float8 end,
           case when d.type = 'date' and v.text_value ~ '^\d{4}-\d{2}-\d{2}$' then v.text_value::date end,
           case when d.type = 'datetime' and v.text_value ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}'
                then v.text_value::timestamptz end
      from jsonb_each(p_fields) f
      left join public.custom_fields d
        on d.workspace_id = p_workspace_id and d.object_type = p_record_type and d.key = f.key
      cross join lateral (
        select e.value,
               case when jsonb_typeof(e.value) = 'object' then e.value ->> 'currency'
                    else e.value #>> '{}' end as text_value
          from jsonb_array_elements(
                 case when jsonb_typeof(f.value) = 'array' then f.value else jsonb_build_array(f.value) end) e
         where jsonb_typeof(e.value) <> 'null'
      ) v
  $$;

-- Attach with: after insert/update/delete ... for each statement execute function
-- custom_field_values_sync('<record type>'); the table needs `workspace_id`, `id` and `custom_fields`.
create function custom_field_values_sync() returns trigger
  language plpgsql
  set search_path = pg_catalog, public
  as $$
  declare
    v_type text := tg_argv[0];
    v_changed uuid[];
  begin
    if tg_op = 'UPDATE' then
      -- Only records whose custom fields changed: a bulk tag of 100k people rewrites nothing here.
      select coalesce(array_agg(n.id), '{}') into v_changed
        from new_rows n join old_rows o on o.workspace_id = n.workspace_id and o.id = n.id
       where o.custom_fields is distinct from n.custom_fields;
      if cardinality(v_changed) = 0 then
        return null;
      end if;
      delete from custom_field_values v using old_rows o
       where v.workspace_id = o.workspace_id and v.record_type = v_type and v.record_id = o.id
         and o.id = any(v_changed);
    elsif tg_op = 'DELETE' then
      delete from custom_field_values v using old_rows o
       where v.workspace_id = o.workspace_id and v.record_type = v_type and v.record_id = o.id;
      return null;
    end if;
    insert into custom_field_values
      (workspace_id, record_type, record_id, field_key, value_text, value_number, value_date, value_time)
    select n.workspace_id, v_type, n.id, r.field_key, r.value_text, r.value_number, r.value_date, r.value_time
      from new_rows n, lateral custom_field_value_rows(n.workspace_id, v_type, n.custom_fields) r
     where n.custom_fields <> '{}' and (v_changed is null or n.id = any(v_changed));
    return null;
  end $$;

create trigger people_custom_field_values_insert after insert on people
  referencing new table as new_rows for each statement execute function custom_field_values_sync('person');
create trigger people_custom_field_values_update after update on people
  referencing old table as old_rows new table as new_rows
  for each statement execute function custom_field_values_sync('person');
create trigger people_custom_field_values_delete after delete on people
  referencing old table as old_rows for each statement execute function custom_field_values_sync('person');
create trigger companies_custom_field_values_insert after insert on companies
  referencing new table as new_rows for each statement execute function custom_field_values_sync('company');
create trigger companies_custom_field_values_update after update on companies
  referencing old table as old_rows new table as new_rows
  for each statement execute function custom_field_values_sync('company');
create trigger companies_custom_field_values_delete after delete on companies
  referencing old table as old_rows for each statement execute function custom_field_values_sync('company');

insert into custom_field_values
  (workspace_id, record_type, record_id, field_key, value_text, value_number, value_date, value_time)
select p.workspace_id, 'person', p.id, r.field_key, r.value_text, r.value_number, r.value_date, r.value_time
  from people p, lateral custom_field_value_rows(p.workspace_id, 'person', p.custom_fields) r
 where p.custom_fields <> '{}';
insert into custom_field_values
  (workspace_id, record_type, record_id, field_key, value_text, value_number, value_date, value_time)
select c.workspace_id, 'company', c.id, r.field_key, r.value_text, r.value_number, r.value_date, r.value_time
  from companies c, lateral custom_field_value_rows(c.workspace_id, 'company', c.custom_fields) r
 where c.custom_fields <> '{}';

-- The GIN indexes could never serve the kap_app role (containment is not leakproof) and every
-- write paid for them.
drop index people_custom_fields_idx;
drop index companies_custom_fields_idx;
