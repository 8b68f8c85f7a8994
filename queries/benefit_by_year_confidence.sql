-- name: benefit_by_year_confidence
-- purpose: expected benefit by fiscal year and confidence level (the initiative detail
--   page narrows the filters to one initiative).
-- grain: one row per (fiscal year, confidence) present in the filtered benefit rows
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: fiscal_year, confidence, benefit_usd
select
    fiscal_year::integer as fiscal_year,
    confidence,
    sum(amount_usd)::double as benefit_usd,
from f_benefits($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as f
group by fiscal_year, confidence
order by fiscal_year, (select confidence_rank from confidence_levels as c where c.confidence = f.confidence)
