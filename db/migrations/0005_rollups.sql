-- Roll-ups maintained on write: per unit × indicator × standard window of one year (the year,
-- its halves, quarters, months, and the year-to-date windows Jan–m the live year clips to), the
-- rolled-up value with the rule of analyticsMatrix (domain.md §4). Only windows some fact lies
-- inside have a row; no row is 'missing', as in the computation from facts.
--
-- Keyed by unit_code first so that under Citus it is distributed by unit_code, co-located
-- with facts: the refresh of a write joins facts and rollups on the same shard.
create table rollups (
  unit_code text not null,
  indicator_code text not null,
  -- absolute months like facts.start_month / end_month; both inside one year
  start_month integer not null,
  end_month integer not null,
  value double precision,
  status text not null check (status in ('value', 'partial', 'undisclosed')),
  -- months covered by the facts the value uses (coverage "months of span")
  months integer not null,
  -- bit m (0 = January) set when some fact inside the window covers that month: the year's row
  -- tells completeness which months a unit reported without reading facts
  month_mask integer not null,
  -- provenance summary: how many facts lie inside the window, and of the latest (by end month,
  -- then update time) its source, and the latest report sentence and document, as factProvenance
  facts integer not null,
  source text not null,
  source_text text,
  document_id bigint,
  primary key (unit_code, indicator_code, start_month, end_month),
  check (end_month >= start_month and end_month / 12 = start_month / 12)
);

-- What else answers depend on besides facts (targets, settings, units, peer groups, users): every
-- successful tRPC mutation raises its province's row, so cached answers keyed by
-- (data_versions, config_versions) never outlive a change. A reference-sized table, like
-- data_versions.
create table config_versions (
  province_code text primary key,
  version bigint not null,
  updated_at timestamptz not null default now()
);
