-- Money settings, products, orders with lines and refunds, and per-customer purchase stats.
-- Money is numeric everywhere (never float): amounts numeric(18, 2), quantities numeric(18, 4),
-- exchange rates numeric(24, 10). Orders keep their total in the workspace's base currency and
-- the rate used, so a later rate change never rewrites history.

create table currency_settings (
  workspace_id uuid primary key references workspaces (id) on delete cascade,
  base_currency text not null check (base_currency ~ '^[A-Z]{3}$'),
  updated_at timestamptz not null default now(),
  updated_by text
);

-- One unit of `currency` is worth `rate` units of the base currency, from `rate_date` on.
create table exchange_rates (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  rate_date date not null,
  rate numeric(24, 10) not null check (rate > 0),
  updated_at timestamptz not null default now(),
  updated_by text,
  primary key (workspace_id, currency, rate_date)
);

create table products (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  sku text not null,
  name text not null,
  category text,
  description text,
  price numeric(18, 2) not null check (price >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  is_active boolean not null default true,
  custom_fields jsonb not null default '{}',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  updated_by text,
  primary key (workspace_id, id)
);
create unique index products_sku_key on products (workspace_id, sku);
create index products_name_idx on products (workspace_id, name, id);
create index products_created_idx on products (workspace_id, created_at, id);
create index products_category_idx on products (workspace_id, category, name, id);

create table orders (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  -- The system the order came from (a shop, a till, "kap" for orders typed in); external ids are
  -- unique per source, which is what makes a shop's retries idempotent.
  source text not null,
  external_id text,
  channel text not null check (channel in ('store', 'online', 'mobileApp', 'phone', 'marketplace', 'other')),
  location text,
  person_id uuid,
  company_id uuid,
  occurred_at timestamptz not null,
  status text not null check (status in ('placed', 'paid', 'fulfilled', 'cancelled', 'refunded', 'partiallyRefunded')),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  subtotal numeric(18, 2) not null,
  discount_total numeric(18, 2) not null,
  tax_total numeric(18, 2) not null,
  total numeric(18, 2) not null check (total >= 0),
  refunded_total numeric(18, 2) not null default 0 check (refunded_total >= 0 and refunded_total <= total),
  base_currency text not null,
  exchange_rate numeric(24, 10) not null check (exchange_rate > 0),
  base_total numeric(18, 2) not null,
  base_refunded_total numeric(18, 2) not null default 0,
  note text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by text,
  updated_by text,
  primary key (workspace_id, id),
  foreign key (workspace_id, person_id) references people (workspace_id, id) on delete set null (person_id),
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete set null (company_id)
);
create unique index orders_external_key on orders (workspace_id, source, external_id) where external_id is not null;
create index orders_occurred_idx on orders (workspace_id, occurred_at, id);
create index orders_person_idx on orders (workspace_id, person_id, occurred_at, id) where person_id is not null;
create index orders_company_idx on orders (workspace_id, company_id, occurred_at, id) where company_id is not null;

create table order_lines (
  workspace_id uuid not null,
  order_id uuid not null,
  line_no integer not null,
  product_id uuid,
  -- Snapshots at order time: a renamed or recategorised product does not rewrite past orders.
  description text not null,
  sku text,
  category text,
  quantity numeric(18, 4) not null check (quantity > 0),
  unit_price numeric(18, 2) not null check (unit_price >= 0),
  discount numeric(18, 2) not null default 0 check (discount >= 0),
  tax numeric(18, 2) not null default 0 check (tax >= 0),
  tax_rate numeric(9, 4),
  line_total numeric(18, 2) not null,
  primary key (workspace_id, order_id, line_no),
  foreign key (workspace_id, order_id) references orders (workspace_id, id) on delete cascade,
  foreign key (workspace_id, product_id) references products (workspace_id, id) on delete set null (product_id)
);
-- Co-purchase suggestions: the orders of a product, and the products of an order.
create index order_lines_product_idx on order_lines (workspace_id, product_id, order_id) where product_id is not null;

create table refunds (
  workspace_id uuid not null,
  id uuid not null,
  order_id uuid not null,
  amount numeric(18, 2) not null check (amount > 0),
  base_amount numeric(18, 2) not null,
  reason text,
  lines jsonb not null default '[]',
  occurred_at timestamptz not null,
  created_at timestamptz not null default now(),
  created_by text,
  primary key (workspace_id, id),
  foreign key (workspace_id, order_id) references orders (workspace_id, id) on delete cascade
);
create index refunds_order_idx on refunds (workspace_id, order_id, occurred_at, id);

-- Kept in the same transaction as every order and refund write. One row per customer (a person
-- or a company) with at least one counted order; plain columns so filters compare with btree
-- operators (leakproof), which keeps them index-backed under row-level security.
create table customer_purchase_stats (
  workspace_id uuid not null,
  person_id uuid,
  company_id uuid,
  order_count integer not null,
  lifetime_revenue numeric(18, 2) not null,
  average_order_value numeric(18, 2) not null,
  first_purchase_at timestamptz not null,
  last_purchase_at timestamptz not null,
  favourite_channel text,
  favourite_categories text[] not null default '{}',
  updated_at timestamptz not null default now(),
  check ((person_id is null) <> (company_id is null)),
  foreign key (workspace_id, person_id) references people (workspace_id, id) on delete cascade,
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade
);
create unique index customer_purchase_stats_person_key on customer_purchase_stats (workspace_id, person_id) where person_id is not null;
create unique index customer_purchase_stats_company_key on customer_purchase_stats (workspace_id, company_id) where company_id is not null;
create index customer_purchase_stats_revenue_idx on customer_purchase_stats (workspace_id, lifetime_revenue);
create index customer_purchase_stats_last_idx on customer_purchase_stats (workspace_id, last_purchase_at);

-- Who bought what: one row per (customer, product) over counted orders, kept with the stats. Upsell
-- suggestions walk it with index-only scans (the customer's products, then the other buyers of
-- each, then their products) instead of joining orders and their lines three times.
create table customer_products (
  workspace_id uuid not null,
  person_id uuid,
  company_id uuid,
  product_id uuid not null,
  order_count integer not null,
  last_purchased_at timestamptz not null,
  check ((person_id is null) <> (company_id is null)),
  foreign key (workspace_id, person_id) references people (workspace_id, id) on delete cascade,
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade,
  foreign key (workspace_id, product_id) references products (workspace_id, id) on delete cascade
);
create unique index customer_products_person_key on customer_products (workspace_id, person_id, product_id) where person_id is not null;
create index customer_products_product_person_idx on customer_products (workspace_id, product_id, person_id) where person_id is not null;
create unique index customer_products_company_key on customer_products (workspace_id, company_id, product_id) where company_id is not null;
create index customer_products_product_company_idx on customer_products (workspace_id, product_id, company_id) where company_id is not null;

do $$
declare
  tenant_table text;
begin
  foreach tenant_table in array array['currency_settings', 'exchange_rates', 'products', 'orders',
    'order_lines', 'refunds', 'customer_purchase_stats', 'customer_products']
  loop
    execute format('alter table %I enable row level security', tenant_table);
    execute format(
      'create policy workspace_isolation on %I
         using (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)
         with check (workspace_id = nullif(current_setting(''kap.workspace_id'', true), '''')::uuid)',
      tenant_table);
  end loop;
end $$;
