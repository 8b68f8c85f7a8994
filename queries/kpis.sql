-- name: kpis
-- purpose: the headline figures over the filtered rows (data/README.md, "Headline figures"),
--   but NPV and payback, which come from cashflow_by_year.
-- grain: one row
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: total_cost_usd, total_benefit_usd, net_benefit_usd, benefit_cost_ratio,
--   agencies_committed, contributions_paid_usd, contributions_pledged_usd, funding_gap_usd
with
cost as (
    select coalesce(sum(amount_usd), 0)::double as total_cost_usd
    from f_costs($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
),
benefit as (
    select coalesce(sum(amount_usd), 0)::double as total_benefit_usd
    from f_benefits($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
),
committed as (
    select count(distinct agency_code) as agencies_committed
    from f_commitments($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
    where commitment_level in (select commitment_level from commitment_levels where is_committed)
),
money as (
    select
        coalesce(sum(amount_usd) filter (where status = 'paid'), 0)::double as contributions_paid_usd,
        coalesce(sum(amount_usd) filter (where status = 'pledged'), 0)::double as contributions_pledged_usd,
    from f_contributions($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
),
gap as (
    select coalesce(sum(funding_gap_usd), 0)::double as funding_gap_usd
    from f_funding_gap($agencies, $categories, $initiatives, $priority_only, $year_from, $year_to)
)
select
    cost.total_cost_usd,
    benefit.total_benefit_usd,
    benefit.total_benefit_usd - cost.total_cost_usd as net_benefit_usd,
    case when cost.total_cost_usd = 0 then null
         else benefit.total_benefit_usd / cost.total_cost_usd end as benefit_cost_ratio,
    committed.agencies_committed::bigint as agencies_committed,
    money.contributions_paid_usd,
    money.contributions_pledged_usd,
    gap.funding_gap_usd,
from cost, benefit, committed, money, gap
