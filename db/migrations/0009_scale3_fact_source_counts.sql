-- How many facts each source gave, per unit × fact span (start_month, end_month): the hover of an
-- aggregate (completeness' source mix) sums these instead of counting raw facts. A unit-year has
-- at most 19 spans (months, quarters, halves, the year) × 4 sources, against 28 indicators × 12
-- months of facts. Maintained with the roll-ups (analytics/rollups.ts) in the write's transaction.
--
-- Keyed by unit_code first: under Citus distributed by unit_code, co-located with facts.
create table fact_source_counts (
  unit_code text not null,
  start_month integer not null,
  end_month integer not null,
  source text not null,
  n integer not null check (n > 0),
  primary key (unit_code, start_month, end_month, source)
);

insert into fact_source_counts (unit_code, start_month, end_month, source, n)
select unit_code, start_month, end_month, source, count(*)::int
  from facts
 group by unit_code, start_month, end_month, source;
