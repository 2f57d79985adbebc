-- Targets, settings and period closings are versioned like facts (domain.md §9, issue 18): a
-- view drawn "as of version N" must judge the facts of N against the targets, thresholds, cap,
-- weights and as-of month that held at N, or a republished ranking shifts when an admin edits a
-- target afterwards. Each write raises the province's data version in its transaction and keeps
-- the old row under that version; reading at N rewinds from these rows (no copies).
--
-- Nothing here references 0003–0013 beyond their tables: a fresh database applies them in order.
-- Keyed by province_code first: under Citus these stay reference tables beside targets/settings.

-- One target scope (indicator, level or unit, year) as it was before and after a write. A null
-- old_value: the scope had no target (an insert); a null new_value: it was deleted.
create table target_audit (
  id bigint generated always as identity,
  province_code text not null references units (code),
  indicator_code text not null,
  level text,
  unit_code text,
  year integer,
  old_value double precision,
  old_per_capita boolean,
  old_phasing text,
  old_due_month integer,
  new_value double precision,
  new_per_capita boolean,
  new_phasing text,
  new_due_month integer,
  data_version bigint not null,
  changed_by text,
  changed_at timestamptz not null default now(),
  reason text,
  primary key (province_code, id)
);
create index target_audit_version_idx on target_audit (province_code, data_version);

-- the version a setting change created (null: made before this migration, never rewound) and why
alter table settings_audit add column data_version bigint;
alter table settings_audit add column reason text;
create index settings_audit_version_idx on settings_audit (province_code, data_version);

-- the version closing the period created: at an earlier version the period was still open, and
-- the as-of month had not moved to its end (null: closed before this migration, closed at every version)
alter table reporting_periods add column closed_version bigint;
