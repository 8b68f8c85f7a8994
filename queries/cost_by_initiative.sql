-- name: cost_by_initiative
-- purpose: cost, benefit and net benefit of each kept initiative (initiatives with no rows
--   under the filters show 0), for the cost-against-benefit chart and the export.
-- grain: one row per kept initiative
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, name, category, is_priority, stage, total_cost_usd,
--   total_benefit_usd, net_benefit_usd
with
kept as (
    select initiative_id, name, category, is_priority, stage
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
)
select
    kept.initiative_id,
    kept.name,
    kept.category,
    kept.is_priority,
    kept.stage,
    coalesce(cost.total_cost_usd, 0)::double as total_cost_usd,
    coalesce(benefit.total_benefit_usd, 0)::double as total_benefit_usd,
    (coalesce(benefit.total_benefit_usd, 0) - coalesce(cost.total_cost_usd, 0))::double as net_benefit_usd,
from kept
left join cost using (initiative_id)
left join benefit using (initiative_id)
order by kept.initiative_id
