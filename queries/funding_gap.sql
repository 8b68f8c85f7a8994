-- name: funding_gap
-- purpose: what each kept initiative still needs: its funding target less the
--   organizations' pledged shares and the paid contributions earmarked to it, floored at 0
--   (0 where no target is set). Pledged contributions are promises and never count.
-- grain: one row per kept initiative, the largest gap first (ties by code): the chart's,
--   the page's and the pack's order (round 3, #17: by code it read as random)
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, name, category, funding_target_usd, agency_pledged_usd,
--   paid_contributions_usd, funding_gap_usd
select
    initiative_id,
    name,
    category,
    funding_target_usd,
    agency_pledged_usd,
    paid_contributions_usd,
    funding_gap_usd,
from f_funding_gap($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
order by funding_gap_usd desc, initiative_id
