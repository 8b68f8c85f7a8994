-- name: range_factors
-- purpose: the factors of every range class (data/README.md, "Ranges: how sure each figure
--   is"): the snapshot's `ranges` row for the class where it has one, else the contract's
--   default (table range_classes, built by dashboard/query/db.py from
--   dashboard/contract/schema.py RANGE_DEFAULTS). A line of amount A in the class ranges
--   from A * low_factor to A * high_factor, most likely A. Not filtered: the factors
--   belong to the snapshot.
-- grain: one row per (side, range_class) of the contract, in the contract's order
-- parameters: none
-- columns: side, range_class, low_factor, high_factor, from_snapshot
select
    k.side,
    k.range_class,
    coalesce(r.low_factor, k.default_low_factor)::double as low_factor,
    coalesce(r.high_factor, k.default_high_factor)::double as high_factor,
    r.side is not null as from_snapshot,
from range_classes as k
left join ranges as r on r.side = k.side and r.range_class = k.range_class
order by k.class_rank
