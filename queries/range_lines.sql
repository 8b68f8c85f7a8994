-- name: range_lines
-- purpose: the input of the ranges (data/README.md, "Ranges: how sure each figure is"):
--   the filtered cost and benefit lines summed to one amount per initiative, side, range
--   class and fiscal year, with that amount discounted to y0 as section "Headline figures"
--   defines the NPV (the macros of queries/_npv.sql, as queries/cashflow_by_year.sql:
--   y0 = $year_from when a range is set, else the earliest fiscal year among all the
--   filtered cost and benefit rows). A cost
--   line's class is one-off or recurring (its is_recurring), a benefit line's its
--   confidence: the table range_classes (dashboard/query/db.py, from
--   dashboard/contract/schema.py) maps them. Filters as every query (queries/_filtered.sql):
--   under an agency filter a shared line counts at amount_usd * S and keeps its class.
--   Summing the lines of one class first is exact: a line of amount A has the quantile
--   A * q(u) with q the class's quantile at A = 1, so the class's lines at one u add up to
--   (their summed A) * q(u) (dashboard/analysis/ranges.py).
-- grain: one row per (kept initiative, side, range_class, fiscal_year) that has lines
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters), $discount_rate (e.g. 0.05)
-- columns: initiative_id, side, range_class, fiscal_year, amount_usd, discounted_usd
with
lines as (
    select c.initiative_id, k.side, k.range_class, c.fiscal_year, c.amount_usd
    from f_costs($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as c
    join range_classes as k on k.is_recurring = c.is_recurring
    union all
    select b.initiative_id, k.side, k.range_class, b.fiscal_year, b.amount_usd
    from f_benefits($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as b
    join range_classes as k on k.confidence = b.confidence
),
grouped as (
    select initiative_id, side, range_class, fiscal_year, sum(amount_usd) as amount_usd
    from lines
    group by initiative_id, side, range_class, fiscal_year
),
base as (
    select npv_y0($year_from, min(fiscal_year)) as y0
    from grouped
)
select
    g.initiative_id,
    g.side,
    g.range_class,
    g.fiscal_year::integer as fiscal_year,
    g.amount_usd::double as amount_usd,
    npv_discounted(g.amount_usd, $discount_rate, g.fiscal_year, base.y0)::double
        as discounted_usd,
from grouped as g, base
order by g.initiative_id, g.side, g.range_class, g.fiscal_year
