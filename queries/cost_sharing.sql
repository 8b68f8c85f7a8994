-- name: cost_sharing
-- purpose: who pays, who benefits (data/README.md, "cost_sharing"): for each organization,
--   computed alone with its own cost_share as S under the other filters, its own costs and
--   benefits, its share S of the shared (system-wide) ones, and what it pledged.
--   cost_borne = own + shared share; net = benefit_received - cost_borne.
-- grain: one row per organization (every organization when no agency filter is set, else
--   the selected ones)
-- parameters: $agencies, $categories, $initiatives, $priority_only, $year_from, $year_to (the filters)
-- columns: agency_code, name, cost_share, own_cost_usd, shared_cost_share_usd, cost_borne_usd,
--   own_benefit_usd, shared_benefit_share_usd, benefit_received_usd, pledged_usd, net_usd
with
orgs as (
    select agency_code, name, cost_share, coalesce(cost_share, 0)::double as s
    from agencies
    where len($agencies::varchar[]) = 0 or list_contains($agencies::varchar[], agency_code)
),
-- every organization's rows and the shared ones, under the other filters
costs as (
    select agency_code, amount_usd
    from f_costs([]::varchar[], $categories, $initiatives, $priority_only, $year_from, $year_to)
),
benefits as (
    select agency_code, amount_usd
    from f_benefits([]::varchar[], $categories, $initiatives, $priority_only, $year_from, $year_to)
),
own_cost as (
    select agency_code, sum(amount_usd) as own_cost_usd
    from costs where agency_code is not null group by agency_code
),
own_benefit as (
    select agency_code, sum(amount_usd) as own_benefit_usd
    from benefits where agency_code is not null group by agency_code
),
shared as (
    select
        (select coalesce(sum(amount_usd), 0) from costs where agency_code is null)::double as cost_usd,
        (select coalesce(sum(amount_usd), 0) from benefits where agency_code is null)::double as benefit_usd,
),
pledged as (
    select agency_code, sum(pledged_usd) as pledged_usd
    from f_commitments([]::varchar[], $categories, $initiatives, $priority_only, $year_from, $year_to)
    group by agency_code
),
per_org as (
    select
        orgs.agency_code,
        orgs.name,
        orgs.cost_share,
        coalesce(own_cost.own_cost_usd, 0)::double as own_cost_usd,
        (shared.cost_usd * orgs.s)::double as shared_cost_share_usd,
        coalesce(own_benefit.own_benefit_usd, 0)::double as own_benefit_usd,
        (shared.benefit_usd * orgs.s)::double as shared_benefit_share_usd,
        coalesce(pledged.pledged_usd, 0)::double as pledged_usd,
    from orgs
    cross join shared
    left join own_cost using (agency_code)
    left join own_benefit using (agency_code)
    left join pledged using (agency_code)
)
select
    agency_code,
    name,
    cost_share,
    own_cost_usd,
    shared_cost_share_usd,
    own_cost_usd + shared_cost_share_usd as cost_borne_usd,
    own_benefit_usd,
    shared_benefit_share_usd,
    own_benefit_usd + shared_benefit_share_usd as benefit_received_usd,
    pledged_usd,
    (own_benefit_usd + shared_benefit_share_usd) - (own_cost_usd + shared_cost_share_usd) as net_usd,
from per_org
order by cost_borne_usd desc, agency_code
