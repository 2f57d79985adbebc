-- The analytics matrix reads a call's roll-ups per unit × window (all of the unit's indicators in
-- one index range): probed per unit × indicator × window through rollups_window_idx, a composite
-- ranking of 70 counties made 3,920 index descents (issue 17). Leads with unit_code, the
-- distribution column under Citus, like the primary key.
create index rollups_unit_window_idx on rollups (unit_code, start_month, end_month, indicator_code);
-- PGlite runs no autovacuum: plans over the new index need statistics now
analyze rollups;
