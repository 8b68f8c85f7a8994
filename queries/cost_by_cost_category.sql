-- name: cost_by_cost_category
-- purpose: cost by kind of cost (staff, hardware, ...), recurring against one-off.
-- grain: one row per (cost category, recurrence) present in the filtered cost rows
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: cost_category, recurrence, cost_usd
select
    cost_category,
    case when is_recurring then 'recurring' else 'one-off' end as recurrence,
    sum(amount_usd)::double as cost_usd,
from f_costs($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
group by cost_category, is_recurring
order by cost_category, recurrence desc
