-- name: agency_share
-- purpose: what the agency filter does to shared (system-wide) costs and benefits, for the
--   page's notice: S, the selected organizations' summed cost_share, and whether the
--   snapshot has a cost-sharing key for them (data/README.md, "Filters", agency).
-- grain: one row
-- parameters: $agencies (the agency filter)
-- columns: share, has_key, snapshot_has_key
select
    s.share,
    s.has_key,
    (select count(cost_share) > 0 from agencies) as snapshot_has_key,
from f_agency_share($agencies) as s
