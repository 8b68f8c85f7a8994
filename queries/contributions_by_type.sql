-- name: contributions_by_type
-- purpose: paid and pledged contributions by kind: cash, in-kind, host-country.
-- grain: one row per contribution type present in the filtered contributions
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: contribution_type, paid_usd, pledged_usd
select
    contribution_type,
    coalesce(sum(amount_usd) filter (where status = 'paid'), 0)::double as paid_usd,
    coalesce(sum(amount_usd) filter (where status = 'pledged'), 0)::double as pledged_usd,
from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as f
group by contribution_type
order by (select type_rank from contribution_types as t where t.contribution_type = f.contribution_type)
