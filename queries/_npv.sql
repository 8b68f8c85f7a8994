-- name: _npv
-- purpose: the discounting of the NPV (data/README.md, "Headline figures": npv_usd),
--   defined once as scalar macros that queries/cashflow_by_year.sql,
--   queries/cashflow_by_initiative_year.sql and queries/range_lines.sql use. y0 is the
--   first year of the selected range, or, when no range is set, the earliest fiscal year
--   among the filtered cost and benefit rows (the caller's min(fiscal_year) over them);
--   an amount of year y counts amount / (1 + rate)^(y - y0). Loaded into each snapshot's
--   database by dashboard/query/db.py; not a query itself.
-- grain: scalar macros
-- parameters: npv_y0(p_year_from integer or null, p_first_year integer);
--   npv_discounted(p_amount double, p_rate double, p_fiscal_year integer, p_y0 integer)
-- columns: none

create macro npv_y0(p_year_from, p_first_year) as
    coalesce(p_year_from::integer, p_first_year);

create macro npv_discounted(p_amount, p_rate, p_fiscal_year, p_y0) as
    p_amount / pow(1 + p_rate::double, p_fiscal_year - p_y0);
