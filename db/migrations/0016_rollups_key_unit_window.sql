-- The roll-ups' primary key in the order every read takes them: a unit's indicators of one window
-- side by side (unit, window, indicator), which rollups_unit_window_idx held beside a key on
-- (unit, indicator, window). Two indexes of the same columns made each roll-up row three index
-- insertions: about 1 s of a 100,000-row import's roll-up refresh (issue 17), and a third of the
-- table's index space. The key still leads with unit_code, the distribution column under Citus.
drop index rollups_unit_window_idx;
alter table rollups drop constraint rollups_pkey;
alter table rollups add primary key (unit_code, start_month, end_month, indicator_code);
-- PGlite runs no autovacuum: plans over the new key need statistics now
analyze rollups;
