-- Imports take products and orders too (modules/imports: import-products.batch.ts,
-- import-orders.batch.ts). The constraints are re-created under the names PostgreSQL gave them.

alter table imports drop constraint imports_object_type_check;
alter table imports add constraint imports_object_type_check
  check (object_type in ('person', 'company', 'activity', 'product', 'order'));

alter table import_mapping_presets drop constraint import_mapping_presets_object_type_check;
alter table import_mapping_presets add constraint import_mapping_presets_object_type_check
  check (object_type in ('person', 'company', 'activity', 'product', 'order'));
