-- name: commitment_matrix
-- purpose: every organization's commitment to every kept initiative, for the heatmap.
-- grain: one row per (initiative, organization) commitment row kept by the filters
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, initiative_name, category, agency_code, agency_name, agency_type,
--   commitment_level, level_rank, relative_value, pledged_usd
select
    m.initiative_id,
    i.name as initiative_name,
    i.category,
    m.agency_code,
    a.name as agency_name,
    a.agency_type,
    m.commitment_level,
    lv.level_rank,
    m.relative_value::integer as relative_value,
    m.pledged_usd,
from f_commitments($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as m
join initiatives as i using (initiative_id)
join agencies as a using (agency_code)
join commitment_levels as lv using (commitment_level)
order by m.initiative_id, m.agency_code
