-- name: cashflow_by_initiative_year
-- purpose: each kept initiative's cost and benefit by fiscal year, its running net and the
--   net discounted to the portfolio's y0 (as cashflow_by_year.sql: $year_from when a range
--   is set, else the earliest fiscal year among all the filtered cost and benefit rows),
--   so the initiatives' NPVs add up to the portfolio's. Per initiative, NPV is the sum of
--   discounted_net_usd and the payback year the first year whose cumulative_net_usd >= 0.
-- grain: one row per (kept initiative, fiscal year present in its filtered cost or benefit rows)
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters), $discount_rate (e.g. 0.05)
-- columns: initiative_id, fiscal_year, cost_usd, benefit_usd, net_usd, cumulative_net_usd, discounted_net_usd
with
cost as (
    select initiative_id, fiscal_year, sum(amount_usd) as cost_usd
    from f_costs($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by initiative_id, fiscal_year
),
benefit as (
    select initiative_id, fiscal_year, sum(amount_usd) as benefit_usd
    from f_benefits($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by initiative_id, fiscal_year
),
years as (
    select
        initiative_id,
        fiscal_year,
        coalesce(cost.cost_usd, 0)::double as cost_usd,
        coalesce(benefit.benefit_usd, 0)::double as benefit_usd,
    from cost
    full outer join benefit using (initiative_id, fiscal_year)
),
base as (
    select npv_y0($year_from, min(fiscal_year)) as y0
    from years
)
select
    years.initiative_id,
    years.fiscal_year::integer as fiscal_year,
    years.cost_usd,
    years.benefit_usd,
    years.benefit_usd - years.cost_usd as net_usd,
    sum(years.benefit_usd - years.cost_usd)
        over (partition by years.initiative_id order by years.fiscal_year) as cumulative_net_usd,
    npv_discounted(years.benefit_usd - years.cost_usd, $discount_rate, years.fiscal_year,
                   base.y0) as discounted_net_usd,
from years, base
order by years.initiative_id, years.fiscal_year
