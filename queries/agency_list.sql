-- name: agency_list
-- purpose: every organization of the snapshot, for the agency filter's options and labels
--   (the agencies table is not filtered).
-- grain: one row per organization
-- parameters: none
-- columns: agency_code, name, agency_type
select agency_code, name, agency_type
from agencies
order by agency_code
