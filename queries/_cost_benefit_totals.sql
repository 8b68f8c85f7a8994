-- name: _cost_benefit_totals
-- purpose: the cost and benefit line items pre-summed, once, when a snapshot's database is
--   opened (dashboard/query/db.py runs the queries/_*.sql files in name order, so these tables
--   exist before the macros of _filtered.sql are defined over them). Every query sums
--   amount_usd over rows grouped by some of the other columns, and all of them are kept
--   here as keys, so each filter and each grouping gives exactly the sums of the raw line
--   items, from a table of at most (initiatives x organizations+1 x years x kinds x 2)
--   rows instead of millions. line_items counts the raw rows behind each sum. docs/benchmarks.md
--   has the measurements before and after.
-- grain: cost_totals: one row per (initiative_id, agency_code, fiscal_year, cost_category,
--   is_recurring); benefit_totals: one row per (initiative_id, agency_code, fiscal_year,
--   benefit_category, confidence); agency_code null (shared) is a key value of its own
-- parameters: none
-- columns: the columns of costs / benefits (amount_usd summed), then line_items

create table cost_totals as
    select
        initiative_id, agency_code, fiscal_year, cost_category, is_recurring,
        sum(amount_usd)::double as amount_usd,
        count(*) as line_items,
    from costs
    group by initiative_id, agency_code, fiscal_year, cost_category, is_recurring;

create table benefit_totals as
    select
        initiative_id, agency_code, fiscal_year, benefit_category, confidence,
        sum(amount_usd)::double as amount_usd,
        count(*) as line_items,
    from benefits
    group by initiative_id, agency_code, fiscal_year, benefit_category, confidence;
