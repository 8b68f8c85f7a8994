-- name: priority_inputs
-- purpose: the three factors of the priority score for each kept initiative: total cost C,
--   total benefit B and V, the mean relative value over its commitment rows (agency filter
--   applied; null when it has none). The score itself is dashboard/analysis/scoring.py.
-- grain: one row per kept initiative
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, name, category, is_priority, total_cost_usd, total_benefit_usd,
--   mean_relative_value
with
value as (
    select initiative_id, avg(relative_value) as mean_relative_value
    from f_commitments($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by initiative_id
)
select
    t.initiative_id,
    t.name,
    t.category,
    t.is_priority,
    t.total_cost_usd,
    t.total_benefit_usd,
    value.mean_relative_value::double as mean_relative_value,
from f_initiative_totals($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as t
left join value using (initiative_id)
order by t.initiative_id
