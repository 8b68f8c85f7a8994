-- name: priority_inputs
-- purpose: the three factors of the priority score for each kept initiative: total cost C,
--   total benefit B and V, the mean relative value over its commitment rows (agency filter
--   applied; null when it has none). The score itself is dashboard/analytics.py.
-- grain: one row per kept initiative
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, name, category, is_priority, total_cost_usd, total_benefit_usd,
--   mean_relative_value
with
kept as (
    select initiative_id, name, category, is_priority
    from f_initiatives($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
),
cost as (
    select initiative_id, sum(amount_usd) as total_cost_usd
    from f_costs($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by initiative_id
),
benefit as (
    select initiative_id, sum(amount_usd) as total_benefit_usd
    from f_benefits($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by initiative_id
),
value as (
    select initiative_id, avg(relative_value) as mean_relative_value
    from f_commitments($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by initiative_id
)
select
    kept.initiative_id,
    kept.name,
    kept.category,
    kept.is_priority,
    coalesce(cost.total_cost_usd, 0)::double as total_cost_usd,
    coalesce(benefit.total_benefit_usd, 0)::double as total_benefit_usd,
    value.mean_relative_value::double as mean_relative_value,
from kept
left join cost using (initiative_id)
left join benefit using (initiative_id)
left join value using (initiative_id)
order by kept.initiative_id
