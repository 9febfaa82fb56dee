-- Custom field values too long for a btree entry (ADR 0009, amendment). An index row above ~2,700
-- bytes is refused, so a 1,000-letter Georgian `text` value (3,000 bytes), a long `url` or any
-- `longText` note failed the record's write with a 500. Now:
-- - `longText` values are not copied at all: their filters (contains, empty, not empty) read the
--   record's jsonb, and they cannot be sorted on.
-- - other values are copied into `value_text` only up to 2,000 bytes (with the key, ids and the
--   tuple header the entry stays well under the limit); a longer one keeps its row with
--   `value_text` null. A filter value is at most 500 characters (1,500 bytes), so an equality or
--   list lookup can never be owed such a record; a sort puts it after every indexed value, with
--   the records that have none (lib/filters/indexed-sort.ts).
-- Same signature as migration 0012, so its trigger function (people, companies; deals: 0013)
-- keeps calling it.
create or replace function custom_field_value_rows(p_workspace_id uuid, p_record_type text, p_fields jsonb)
  returns table (field_key text, value_text text, value_number float8, value_date date, value_time timestamptz)
  language sql stable
  as $$
    select f.key,
           case when octet_length(v.text_value) <= 2000 then v.text_value end,
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
     where d.type is distinct from 'longText'
  $$;

-- The copies that already exist (values short enough to have been saved before this migration).
delete from custom_field_values v
 using custom_fields d
 where d.workspace_id = v.workspace_id and d.object_type = v.record_type and d.key = v.field_key
   and d.type = 'longText';
update custom_field_values set value_text = null where octet_length(value_text) > 2000;
