-- name: cost_benefit_by_year_category
-- purpose: cost and benefit by fiscal year and initiative category, for the stacked bars.
-- grain: one row per (fiscal year, category) present in the filtered cost or benefit rows
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: fiscal_year, category, cost_usd, benefit_usd
with
cost as (
    select c.fiscal_year, i.category, sum(c.amount_usd) as cost_usd
    from f_costs($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as c
    join initiatives as i using (initiative_id)
    group by c.fiscal_year, i.category
),
benefit as (
    select b.fiscal_year, i.category, sum(b.amount_usd) as benefit_usd
    from f_benefits($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as b
    join initiatives as i using (initiative_id)
    group by b.fiscal_year, i.category
)
select
    fiscal_year::integer as fiscal_year,
    category,
    coalesce(cost.cost_usd, 0)::double as cost_usd,
    coalesce(benefit.benefit_usd, 0)::double as benefit_usd,
from cost
full outer join benefit using (fiscal_year, category)
order by fiscal_year, category
