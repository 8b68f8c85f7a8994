-- name: year_span
-- purpose: the first and last year present in the snapshot (cost and benefit fiscal years,
--   read from the pre-summed line items of _cost_benefit_totals.sql, and contribution dates),
--   the bounds of the year filter. Null when the snapshot has no rows.
-- grain: one row
-- parameters: none
-- columns: min_year, max_year
with years as (
    select fiscal_year as y from cost_totals
    union all
    select fiscal_year as y from benefit_totals
    union all
    select year(date) as y from contributions
)
select min(y)::integer as min_year, max(y)::integer as max_year
from years
