-- name: contributions_by_type
-- purpose: paid and pledged contributions by kind: cash, in-kind, host-country.
-- grain: one row per contribution type present in the filtered contributions
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: contribution_type, paid_usd, pledged_usd
select
    contribution_type,
    coalesce(sum(amount_usd) filter (where status = 'paid'), 0)::double as paid_usd,
    coalesce(sum(amount_usd) filter (where status = 'pledged'), 0)::double as pledged_usd,
from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
group by contribution_type
order by case contribution_type when 'cash' then 0 when 'in_kind' then 1 else 2 end
