-- Purchase stats as index lookups in the people and company lists (filters and sorts).
--
-- Under row-level security only leakproof comparisons can be index conditions. numeric's are
-- not, so the exact columns get float8 copies kept by PostgreSQL itself (generated, stored):
-- filters compare the copy in the index and recheck the exact value, sorts read the copy's index
-- in order. Counts are copied too (an integer column compared with a numeric filter value would
-- be cast, and the cast is not leakproof). timestamptz and text comparisons are leakproof as they
-- are. Each index ends with the customer's id: a sort walks (value, id) in index order and a
-- filter reads the ids without visiting the table.
alter table customer_purchase_stats
  add column order_count_f8 float8 generated always as (order_count::float8) stored,
  add column lifetime_revenue_f8 float8 generated always as (lifetime_revenue::float8) stored,
  add column average_order_value_f8 float8 generated always as (average_order_value::float8) stored;

drop index customer_purchase_stats_revenue_idx;
drop index customer_purchase_stats_last_idx;

create index customer_purchase_stats_person_order_count_idx on customer_purchase_stats (workspace_id, order_count_f8, person_id) where person_id is not null;
create index customer_purchase_stats_person_revenue_idx on customer_purchase_stats (workspace_id, lifetime_revenue_f8, person_id) where person_id is not null;
create index customer_purchase_stats_person_average_idx on customer_purchase_stats (workspace_id, average_order_value_f8, person_id) where person_id is not null;
create index customer_purchase_stats_person_first_idx on customer_purchase_stats (workspace_id, first_purchase_at, person_id) where person_id is not null;
create index customer_purchase_stats_person_last_idx on customer_purchase_stats (workspace_id, last_purchase_at, person_id) where person_id is not null;
create index customer_purchase_stats_person_channel_idx on customer_purchase_stats (workspace_id, favourite_channel, person_id) where person_id is not null;

create index customer_purchase_stats_company_order_count_idx on customer_purchase_stats (workspace_id, order_count_f8, company_id) where company_id is not null;
create index customer_purchase_stats_company_revenue_idx on customer_purchase_stats (workspace_id, lifetime_revenue_f8, company_id) where company_id is not null;
create index customer_purchase_stats_company_average_idx on customer_purchase_stats (workspace_id, average_order_value_f8, company_id) where company_id is not null;
create index customer_purchase_stats_company_first_idx on customer_purchase_stats (workspace_id, first_purchase_at, company_id) where company_id is not null;
create index customer_purchase_stats_company_last_idx on customer_purchase_stats (workspace_id, last_purchase_at, company_id) where company_id is not null;
create index customer_purchase_stats_company_channel_idx on customer_purchase_stats (workspace_id, favourite_channel, company_id) where company_id is not null;
