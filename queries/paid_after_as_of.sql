-- name: paid_after_as_of
-- purpose: the paid contributions dated after the snapshot's as-of date (the contract
--   counts them as paid, as the source records them; the pages say so beside paid money).
-- grain: one row
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters), $as_of (the snapshot's as-of date, YYYY-MM-DD)
-- columns: contributions, paid_usd
select
    count(*)::integer as contributions,
    coalesce(sum(amount_usd), 0)::double as paid_usd,
from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
where status = 'paid' and date > $as_of::date
