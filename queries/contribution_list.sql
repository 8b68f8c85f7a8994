-- name: contribution_list
-- purpose: every kept contribution, one row each, for the transparency table.
-- grain: one row per contribution
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: contribution_id, date, donor, donor_type, initiative_id, initiative_name,
--   contribution_type, status, amount_usd
select
    k.contribution_id,
    k.date,
    k.donor,
    k.donor_type,
    k.initiative_id,
    i.name as initiative_name,
    k.contribution_type,
    k.status,
    k.amount_usd,
from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as k
left join initiatives as i using (initiative_id)
order by k.date, k.contribution_id
