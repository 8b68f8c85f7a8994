-- name: initiative_list
-- purpose: the kept initiatives with their descriptive fields (stage, lead organization,
--   funding target), for filter options, the stage chart and the initiative detail page.
-- grain: one row per kept initiative
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, name, category, is_priority, stage, lead_agency, lead_agency_name,
--   funding_target_usd
select
    i.initiative_id,
    i.name,
    i.category,
    i.is_priority,
    i.stage,
    i.lead_agency,
    a.name as lead_agency_name,
    i.funding_target_usd,
from f_initiatives($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as i
left join agencies as a on a.agency_code = i.lead_agency
order by i.initiative_id
