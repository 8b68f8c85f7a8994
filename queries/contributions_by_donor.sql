-- name: contributions_by_donor
-- purpose: paid and pledged voluntary contributions per donor (a pledge is a promise and is
--   never added to paid), largest paid first.
-- grain: one row per (donor, donor_type)
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: donor, donor_type, paid_usd, pledged_usd, total_usd, contributions
select
    donor,
    donor_type,
    coalesce(sum(amount_usd) filter (where status = 'paid'), 0)::double as paid_usd,
    coalesce(sum(amount_usd) filter (where status = 'pledged'), 0)::double as pledged_usd,
    sum(amount_usd)::double as total_usd,
    count(*) as contributions,
from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
group by donor, donor_type
order by paid_usd desc, total_usd desc, donor
