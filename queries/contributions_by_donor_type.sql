-- name: contributions_by_donor_type
-- purpose: paid and pledged contributions by kind of donor (a pledge is never added to paid).
-- grain: one row per donor type present in the filtered contributions
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: donor_type, paid_usd, pledged_usd, donors
select
    donor_type,
    coalesce(sum(amount_usd) filter (where status = 'paid'), 0)::double as paid_usd,
    coalesce(sum(amount_usd) filter (where status = 'pledged'), 0)::double as pledged_usd,
    count(distinct donor) as donors,
from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
group by donor_type
order by paid_usd desc, donor_type
