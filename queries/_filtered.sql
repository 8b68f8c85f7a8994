-- name: _filtered
-- purpose: the filter meanings of data/README.md ("Filters"), defined once as table macros
--   that every named query selects from. Loaded into each snapshot's database by
--   dashboard/query/db.py before any query runs; not a query itself.
-- grain: each macro keeps the grain of its table (one row per initiative, per cost line, ...);
--   f_initiative_totals and f_funding_gap: one row per kept initiative; f_agency_share:
--   one row (share: the selected organizations' summed cost_share, 0 without a key;
--   has_key: whether any of them has a cost_share); it takes p_agencies only
-- parameters: every macro takes the same six arguments, in this order (f_lines takes the
--   name of its table first; f_agency_share takes p_agencies only):
--   p_agencies varchar[]   (empty = no agency filter)
--   p_categories varchar[] (empty = all categories)
--   p_initiatives varchar[] (empty = all initiatives)
--   p_priority_only boolean
--   p_year_from integer    (null = open)
--   p_year_to integer      (null = open)
-- columns: the columns of the underlying table

create macro f_initiatives(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as table
    select i.*
    from initiatives as i
    where (len(p_categories::varchar[]) = 0 or list_contains(p_categories::varchar[], i.category))
      and (len(p_initiatives::varchar[]) = 0 or list_contains(p_initiatives::varchar[], i.initiative_id))
      and (not coalesce(p_priority_only::boolean, false) or i.is_priority);

-- costs and benefits (version 2 agency filter): with no agency filter, every row of the
-- kept initiatives. With one, the selected organizations' own rows, plus every shared row
-- (agency_code null) counted at amount_usd * S, S = f_agency_share (the selected
-- organizations' summed cost_share); where S is 0 (no key, or no share for them) shared
-- rows are left out (dashboard/query/filters.py ORGANIZATION says it in words). f_lines
-- reads the pre-summed line items of _cost_benefit_totals.sql: sum amount_usd (or
-- line_items), never count(*) their rows.
create macro f_agency_share(p_agencies) as table
    select
        coalesce(sum(a.cost_share), 0)::double as share,
        count(a.cost_share) > 0 as has_key,
    from agencies as a
    where list_contains(p_agencies::varchar[], a.agency_code);

-- f_lines(p_table, ...): the one rule for line items; p_table is 'cost_totals' or
-- 'benefit_totals'. f_costs and f_benefits name the table and nothing more.
create macro f_lines(p_table, p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as table
    select l.* replace (
        case when len(p_agencies::varchar[]) > 0 and l.agency_code is null
             then l.amount_usd * s.share
             else l.amount_usd end as amount_usd
    )
    from query_table(p_table) as l, f_agency_share(p_agencies) as s
    where l.initiative_id in (
            select initiative_id
            from f_initiatives(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to)
        )
      and (len(p_agencies::varchar[]) = 0
           or (l.agency_code is not null and list_contains(p_agencies::varchar[], l.agency_code))
           or (l.agency_code is null and s.share > 0))
      and (p_year_from::integer is null or l.fiscal_year >= p_year_from::integer)
      and (p_year_to::integer is null or l.fiscal_year <= p_year_to::integer);

create macro f_costs(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as table
    select * from f_lines('cost_totals', p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to);

create macro f_benefits(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as table
    select * from f_lines('benefit_totals', p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to);

-- commitments: no year in this table, so the year range does not apply.
create macro f_commitments(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as table
    select m.*
    from commitments as m
    where m.initiative_id in (
            select initiative_id
            from f_initiatives(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to)
        )
      and (len(p_agencies::varchar[]) = 0 or list_contains(p_agencies::varchar[], m.agency_code));

-- contributions: never filtered by agency; years by the year of date; unearmarked
-- (initiative_id null) kept only while no category, initiative or priority filter is set.
create macro f_contributions(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as table
    select k.*
    from contributions as k
    where (
            (k.initiative_id is null
             and len(p_categories::varchar[]) = 0
             and len(p_initiatives::varchar[]) = 0
             and not coalesce(p_priority_only::boolean, false))
            or k.initiative_id in (
                select initiative_id
                from f_initiatives(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to)
            )
        )
      and (p_year_from::integer is null or year(k.date) >= p_year_from::integer)
      and (p_year_to::integer is null or year(k.date) <= p_year_to::integer);

-- initiative totals: every kept initiative (all its columns) with its total cost and total
-- benefit under the filters, 0 where it has no rows. Shared by cost_by_initiative,
-- priority_inputs and initiative_summary.
create macro f_initiative_totals(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as table
    with
    cost as (
        select initiative_id, sum(amount_usd) as total_cost_usd
        from f_costs(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to)
        group by initiative_id
    ),
    benefit as (
        select initiative_id, sum(amount_usd) as total_benefit_usd
        from f_benefits(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to)
        group by initiative_id
    )
    select
        i.*,
        coalesce(cost.total_cost_usd, 0)::double as total_cost_usd,
        coalesce(benefit.total_benefit_usd, 0)::double as total_benefit_usd,
    from f_initiatives(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as i
    left join cost using (initiative_id)
    left join benefit using (initiative_id);

-- funding gap: per kept initiative, max(0, target - ALL organizations' pledged shares - paid
-- contributions earmarked to it), 0 where no target is set. Pledged contributions are
-- promises and never count. Funding belongs to initiatives: the agency filter does not
-- apply (version 2), so choosing an organization never raises the gap. Shared by
-- funding_gap and kpis.
create macro f_funding_gap(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to) as table
    with
    kept as (
        select initiative_id, name, category, funding_target_usd
        from f_initiatives(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to)
    ),
    pledged as (
        select initiative_id, sum(pledged_usd) as agency_pledged_usd
        from f_commitments([]::varchar[], p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to)
        group by initiative_id
    ),
    paid as (
        select initiative_id, sum(amount_usd) as paid_contributions_usd
        from f_contributions(p_agencies, p_categories, p_initiatives, p_priority_only, p_year_from, p_year_to)
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
    left join paid using (initiative_id);
