-- name: benefits_by_confidence
-- purpose: expected benefit by confidence level and kind of benefit.
-- grain: one row per (confidence, benefit category) present in the filtered benefit rows
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: confidence, benefit_category, benefit_usd
select
    confidence,
    benefit_category,
    sum(amount_usd)::double as benefit_usd,
from f_benefits($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as f
group by confidence, benefit_category
order by
    (select confidence_rank from confidence_levels as c where c.confidence = f.confidence),
    benefit_category
