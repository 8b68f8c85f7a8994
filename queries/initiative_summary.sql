-- name: initiative_summary
-- purpose: one line per kept initiative with the figures compared between two snapshots
--   on the What changed page: cost, benefit, organizations committed (level committed or
--   lead), the organizations' pledged shares, and the voluntary contributions earmarked
--   to it, pledged and paid (a pledge is a promise and is never added to paid).
-- grain: one row per kept initiative
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: initiative_id, name, category, is_priority, total_cost_usd, total_benefit_usd,
--   agencies_committed, agency_pledged_usd, pledged_contributions_usd, paid_contributions_usd
with
commit as (
    select
        initiative_id,
        count(distinct agency_code) filter (where lv.is_committed) as agencies_committed,
        sum(pledged_usd) as agency_pledged_usd,
    from f_commitments($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    join commitment_levels as lv using (commitment_level)
    group by initiative_id
),
money as (
    select
        initiative_id,
        sum(amount_usd) filter (where status = 'pledged') as pledged_contributions_usd,
        sum(amount_usd) filter (where status = 'paid') as paid_contributions_usd,
    from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    where initiative_id is not null
    group by initiative_id
)
select
    t.initiative_id,
    t.name,
    t.category,
    t.is_priority,
    t.total_cost_usd,
    t.total_benefit_usd,
    coalesce(commit.agencies_committed, 0)::bigint as agencies_committed,
    coalesce(commit.agency_pledged_usd, 0)::double as agency_pledged_usd,
    coalesce(money.pledged_contributions_usd, 0)::double as pledged_contributions_usd,
    coalesce(money.paid_contributions_usd, 0)::double as paid_contributions_usd,
from f_initiative_totals($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to) as t
left join commit using (initiative_id)
left join money using (initiative_id)
order by t.initiative_id
