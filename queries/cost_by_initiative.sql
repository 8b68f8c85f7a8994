-- name: cost_by_initiative
-- purpose: cost, benefit and net benefit of each kept initiative (initiatives with no rows
--   under the filters show 0), for the cost-against-benefit chart and the export.
-- grain: one row per kept initiative
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, name, category, is_priority, stage, total_cost_usd,
--   total_benefit_usd, net_benefit_usd
select
    initiative_id,
    name,
    category,
    is_priority,
    stage,
    total_cost_usd,
    total_benefit_usd,
    total_benefit_usd - total_cost_usd as net_benefit_usd,
from f_initiative_totals($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
order by initiative_id
