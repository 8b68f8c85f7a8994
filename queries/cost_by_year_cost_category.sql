-- name: cost_by_year_cost_category
-- purpose: cost by fiscal year and kind of cost (the initiative detail page narrows the
--   filters to one initiative).
-- grain: one row per (fiscal year, cost category) present in the filtered cost rows
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: fiscal_year, cost_category, cost_usd
select
    fiscal_year::integer as fiscal_year,
    cost_category,
    sum(amount_usd)::double as cost_usd,
from f_costs($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
group by fiscal_year, cost_category
order by fiscal_year, cost_category
