-- name: cashflow_by_year
-- purpose: the portfolio's cost and benefit by fiscal year, the running net, and the net
--   discounted to y0: y0 = $year_from when a range is set, else the earliest fiscal year
--   among the filtered cost and benefit rows. NPV is the sum of discounted_net_usd; the
--   payback year is the first year whose cumulative_net_usd is >= 0.
-- grain: one row per fiscal year present in the filtered cost or benefit rows
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters), $discount_rate (e.g. 0.05)
-- columns: fiscal_year, cost_usd, benefit_usd, net_usd, cumulative_net_usd, discounted_net_usd
with
cost as (
    select fiscal_year, sum(amount_usd) as cost_usd
    from f_costs($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by fiscal_year
),
benefit as (
    select fiscal_year, sum(amount_usd) as benefit_usd
    from f_benefits($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by fiscal_year
),
years as (
    select
        fiscal_year,
        coalesce(cost.cost_usd, 0)::double as cost_usd,
        coalesce(benefit.benefit_usd, 0)::double as benefit_usd,
    from cost
    full outer join benefit using (fiscal_year)
),
base as (
    select npv_y0($year_from, min(fiscal_year)) as y0
    from years
)
select
    years.fiscal_year::integer as fiscal_year,
    years.cost_usd,
    years.benefit_usd,
    years.benefit_usd - years.cost_usd as net_usd,
    sum(years.benefit_usd - years.cost_usd) over (order by years.fiscal_year) as cumulative_net_usd,
    npv_discounted(years.benefit_usd - years.cost_usd, $discount_rate, years.fiscal_year,
                   base.y0) as discounted_net_usd,
from years, base
order by years.fiscal_year
