-- Board column totals kept by the writes (modules/deals/README.md): per pipeline, stage, currency
-- and owner, the number of deals, Σ amount and Σ weighted amount (each deal's amount × its stage's
-- probability, rounded to cents per deal, as the forecast sums it). `GET /pipelines/{id}/summary`
-- then sums a few rows instead of every deal of the pipeline (250 ms at 200k deals). The owner is
-- part of the key so own/team roles still see only their deals' totals.
--
-- Kept by statement-level triggers on deals, so every writer — services, bulk updates, merges,
-- imports, `on delete set null` of an owner — keeps them; a stage's new probability re-weighs its
-- rows. Rows are upserted in key order, so concurrent writers take their locks in one order.

create table deal_stage_totals (
  workspace_id uuid not null,
  pipeline_id uuid not null,
  stage_id uuid not null,
  currency text not null,
  owner_id uuid,
  deal_count integer not null,
  amount numeric(22, 2) not null,
  weighted numeric(22, 2) not null
);
create unique index deal_stage_totals_key_idx
  on deal_stage_totals (workspace_id, pipeline_id, stage_id, currency, owner_id) nulls not distinct;

alter table deal_stage_totals enable row level security;
create policy workspace_isolation on deal_stage_totals
  using (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid)
  with check (workspace_id = nullif(current_setting('kap.workspace_id', true), '')::uuid);

insert into deal_stage_totals
select d.workspace_id, d.pipeline_id, d.stage_id, d.currency, d.owner_id, count(*)::int, sum(d.amount),
       sum(round(d.amount * s.probability / 100, 2))
  from deals d join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
 group by 1, 2, 3, 4, 5;

-- Adds signed deltas (one row per key) and drops the rows no deal is counted in any more.
create function deal_stage_totals_apply(p_delta deal_stage_totals[]) returns void
  language sql
  set search_path = pg_catalog, public
  as $$
    insert into deal_stage_totals as t
    select * from unnest(p_delta) d
     where d.deal_count <> 0 or d.amount <> 0 or d.weighted <> 0
     order by d.workspace_id, d.pipeline_id, d.stage_id, d.currency, d.owner_id
    on conflict (workspace_id, pipeline_id, stage_id, currency, owner_id) do update
      set deal_count = t.deal_count + excluded.deal_count,
          amount = t.amount + excluded.amount,
          weighted = t.weighted + excluded.weighted;
    delete from deal_stage_totals t using unnest(p_delta) d
     where t.workspace_id = d.workspace_id and t.pipeline_id = d.pipeline_id and t.stage_id = d.stage_id
       and t.currency = d.currency and t.owner_id is not distinct from d.owner_id and t.deal_count = 0;
  $$;

-- The stage of a deal being deleted may go in the same statement (a workspace's cascade): its
-- probability is then unknown and taken as 0; the row disappears with its last deal anyway.
create function deal_stage_totals_sync() returns trigger
  language plpgsql
  set search_path = pg_catalog, public
  as $$
  declare
    v_delta deal_stage_totals[];
  begin
    if tg_op = 'INSERT' then
      select array_agg(row(workspace_id, pipeline_id, stage_id, currency, owner_id, n, amount, weighted)::deal_stage_totals)
        into v_delta
        from (select d.workspace_id, d.pipeline_id, d.stage_id, d.currency, d.owner_id, count(*)::int as n,
                     sum(d.amount) as amount, sum(round(d.amount * coalesce(s.probability, 0) / 100, 2)) as weighted
                from new_rows d left join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
               group by 1, 2, 3, 4, 5) x;
    elsif tg_op = 'DELETE' then
      select array_agg(row(workspace_id, pipeline_id, stage_id, currency, owner_id, n, amount, weighted)::deal_stage_totals)
        into v_delta
        from (select d.workspace_id, d.pipeline_id, d.stage_id, d.currency, d.owner_id, -count(*)::int as n,
                     -sum(d.amount) as amount, -sum(round(d.amount * coalesce(s.probability, 0) / 100, 2)) as weighted
                from old_rows d left join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
               group by 1, 2, 3, 4, 5) x;
    else
      -- Only rows whose counted values changed: an edit of a name or a date touches no total.
      select array_agg(row(workspace_id, pipeline_id, stage_id, currency, owner_id, n, amount, weighted)::deal_stage_totals)
        into v_delta
        from (select c.workspace_id, c.pipeline_id, c.stage_id, c.currency, c.owner_id, sum(c.n)::int as n,
                     sum(c.amount) as amount, sum(c.weighted) as weighted
                from (select d.workspace_id, d.pipeline_id, d.stage_id, d.currency, d.owner_id, 1 as n, d.amount,
                             round(d.amount * coalesce(s.probability, 0) / 100, 2) as weighted
                        from new_rows d join old_rows o on o.workspace_id = d.workspace_id and o.id = d.id
                        left join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
                       where (o.pipeline_id, o.stage_id, o.currency, o.owner_id, o.amount)
                             is distinct from (d.pipeline_id, d.stage_id, d.currency, d.owner_id, d.amount)
                      union all
                      select o.workspace_id, o.pipeline_id, o.stage_id, o.currency, o.owner_id, -1, -o.amount,
                             -round(o.amount * coalesce(s.probability, 0) / 100, 2)
                        from old_rows o join new_rows d on d.workspace_id = o.workspace_id and d.id = o.id
                        left join pipeline_stages s on s.workspace_id = o.workspace_id and s.id = o.stage_id
                       where (o.pipeline_id, o.stage_id, o.currency, o.owner_id, o.amount)
                             is distinct from (d.pipeline_id, d.stage_id, d.currency, d.owner_id, d.amount)) c
               group by 1, 2, 3, 4, 5) x;
    end if;
    if v_delta is not null then
      perform deal_stage_totals_apply(v_delta);
    end if;
    return null;
  end $$;

create trigger deals_stage_totals_insert after insert on deals
  referencing new table as new_rows for each statement execute function deal_stage_totals_sync();
create trigger deals_stage_totals_update after update on deals
  referencing old table as old_rows new table as new_rows for each statement execute function deal_stage_totals_sync();
create trigger deals_stage_totals_delete after delete on deals
  referencing old table as old_rows for each statement execute function deal_stage_totals_sync();

-- A stage's new probability changes the weighted amount of every deal in it.
create function deal_stage_totals_reweigh() returns trigger
  language plpgsql
  set search_path = pg_catalog, public
  as $$
  begin
    update deal_stage_totals t
       set weighted = coalesce((
             select sum(round(d.amount * new.probability / 100, 2)) from deals d
              where d.workspace_id = t.workspace_id and d.pipeline_id = t.pipeline_id and d.stage_id = t.stage_id
                and d.currency = t.currency and d.owner_id is not distinct from t.owner_id), 0)
     where t.workspace_id = new.workspace_id and t.stage_id = new.id;
    return null;
  end $$;

create trigger pipeline_stages_totals_reweigh after update of probability on pipeline_stages
  for each row when (old.probability is distinct from new.probability)
  execute function deal_stage_totals_reweigh();
