-- Deals' custom field values join the indexed copy of migration 0012 (ADR 0009), so deal list
-- filters on custom fields are index lookups like people's and companies'.
create trigger deals_custom_field_values_insert after insert on deals
  referencing new table as new_rows for each statement execute function custom_field_values_sync('deal');
create trigger deals_custom_field_values_update after update on deals
  referencing old table as old_rows new table as new_rows
  for each statement execute function custom_field_values_sync('deal');
create trigger deals_custom_field_values_delete after delete on deals
  referencing old table as old_rows for each statement execute function custom_field_values_sync('deal');

insert into custom_field_values
  (workspace_id, record_type, record_id, field_key, value_text, value_number, value_date, value_time)
select d.workspace_id, 'deal', d.id, r.field_key, r.value_text, r.value_number, r.value_date, r.value_time
  from deals d, lateral custom_field_value_rows(d.workspace_id, 'deal', d.custom_fields) r
 where d.custom_fields <> '{}';
