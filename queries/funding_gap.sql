-- name: funding_gap
-- purpose: what each kept initiative still needs: its funding target less the
--   organizations' pledged shares and the paid contributions earmarked to it, floored at 0
--   (0 where no target is set). Pledged contributions are promises and never count.
-- grain: one row per kept initiative
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, name, category, funding_target_usd, agency_pledged_usd,
--   paid_contributions_usd, funding_gap_usd
with
kept as (
    select initiative_id, name, category, funding_target_usd
    from f_initiatives($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
),
pledged as (
    select initiative_id, sum(pledged_usd) as agency_pledged_usd
    from f_commitments($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by initiative_id
),
paid as (
    select initiative_id, sum(amount_usd) as paid_contributions_usd
    from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    where status = 'paid' and initiative_id is not null
    group by initiative_id
)
select
    kept.initiative_id,
    kept.name,
    kept.category,
    kept.funding_target_usd,
    coalesce(pledged.agency_pledged_usd, 0)::double as agency_pledged_usd,
    coalesce(paid.paid_contributions_usd, 0)::double as paid_contributions_usd,
    case
        when kept.funding_target_usd is null then 0
        else greatest(
            0,
            kept.funding_target_usd
            - coalesce(pledged.agency_pledged_usd, 0)
            - coalesce(paid.paid_contributions_usd, 0)
        )
    end::double as funding_gap_usd,
from kept
left join pledged using (initiative_id)
left join paid using (initiative_id)
order by kept.initiative_id
