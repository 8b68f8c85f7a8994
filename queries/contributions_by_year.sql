-- name: contributions_by_year
-- purpose: paid and pledged contributions by the year of their date.
-- grain: one row per year present in the filtered contributions
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: year, paid_usd, pledged_usd
select
    year(date)::integer as year,
    coalesce(sum(amount_usd) filter (where status = 'paid'), 0)::double as paid_usd,
    coalesce(sum(amount_usd) filter (where status = 'pledged'), 0)::double as pledged_usd,
from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
group by year(date)
order by year
