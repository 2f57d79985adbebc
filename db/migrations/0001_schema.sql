-- bixue schema. Facts, their audit trail and documents carry unit_code in their keys so that
-- under Citus they can be distributed by unit (create_distributed_table(..., 'unit_code'))
-- with the catalog tables (units, indicators, targets, settings) as reference tables.

create table units (
  code text primary key check (code ~ '^[0-9]{6}$'),
  name text not null,
  short_name text not null,
  level text not null check (level in ('province', 'city', 'county')),
  parent_code text references units (code),
  province_code text not null,
  -- materialised path '990000/990100/990102/' so a subtree is one prefix range
  path text not null,
  sort_order integer not null default 0,
  active_from date not null default date '1900-01-01',
  active_to date,
  check (active_to is null or active_to > active_from),
  check ((level = 'province') = (parent_code is null))
);
create index units_path_idx on units (path text_pattern_ops);
create index units_parent_idx on units (parent_code);
create index units_province_level_idx on units (province_code, level);

create table indicators (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  name_zh text not null,
  name_en text not null,
  category text not null,
  unit text not null,
  aggregation text not null check (aggregation in ('sum', 'last', 'max')),
  direction text not null check (direction in ('higher_better', 'lower_better')),
  per_capita_allowed boolean not null default false,
  -- derived indicators: {"kind":"ratio",...} or {"kind":"weighted_sum",...}; null for reported ones
  formula jsonb,
  plausible_max double precision not null,
  sort_order integer not null default 0
);

create table documents (
  id bigint generated always as identity,
  unit_code text not null references units (code),
  file_name text not null,
  period text,
  body text not null,
  uploaded_by text,
  uploaded_at timestamptz not null default now(),
  primary key (unit_code, id)
);

create table facts (
  unit_code text not null references units (code),
  indicator_code text not null references indicators (code),
  period text not null,
  grain text not null check (grain in ('month', 'quarter', 'half', 'year')),
  -- absolute months (year * 12 + month - 1), inclusive, so roll-ups compare integers
  start_month integer not null,
  end_month integer not null,
  -- null exactly when the value was masked in the source (未公开); missing facts have no row
  value double precision,
  status text not null check (status in ('value', 'undisclosed')),
  source text not null check (source in ('manual', 'import', 'report', 'demo')),
  document_id bigint,
  span_start integer,
  span_end integer,
  source_text text,
  batch_id text,
  updated_by text,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (unit_code, indicator_code, period),
  check ((status = 'value') = (value is not null)),
  check (end_month >= start_month),
  foreign key (unit_code, document_id) references documents (unit_code, id)
);
create index facts_indicator_window_idx on facts (indicator_code, start_month, end_month);

create table fact_audit (
  id bigint generated always as identity,
  unit_code text not null,
  indicator_code text not null,
  period text not null,
  old_value double precision,
  old_status text,
  new_value double precision,
  new_status text,
  source text not null,
  batch_id text,
  changed_by text,
  changed_at timestamptz not null default now(),
  primary key (unit_code, id)
);
create index fact_audit_fact_idx on fact_audit (unit_code, indicator_code, period, changed_at);

create table targets (
  id integer generated always as identity primary key,
  indicator_code text not null references indicators (code),
  province_code text not null references units (code),
  -- exactly one of level / unit_code: a default for a level, or an override for one unit
  level text check (level in ('province', 'city', 'county')),
  unit_code text references units (code),
  -- null: every year without a more specific row
  year integer,
  value double precision not null check (value >= 0),
  per_capita boolean not null default false,
  check ((level is null) <> (unit_code is null))
);
create unique index targets_scope_idx
  on targets (indicator_code, province_code, coalesce(level, ''), coalesce(unit_code, ''), coalesce(year, 0));

create table peer_groups (
  id integer generated always as identity primary key,
  province_code text not null references units (code),
  name text not null,
  description text not null default '',
  unique (province_code, name)
);

create table peer_group_members (
  group_id integer not null references peer_groups (id) on delete cascade,
  unit_code text not null references units (code),
  primary key (group_id, unit_code)
);

create table users (
  id integer generated always as identity primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'leader', 'analyst', 'reporter')),
  scope_unit_code text not null references units (code),
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table sessions (
  -- sha-256 of the cookie token: a leaked table does not leak live sessions
  token_hash text primary key,
  user_id integer not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table login_attempts (
  username text not null,
  attempted_at timestamptz not null default now(),
  succeeded boolean not null
);
create index login_attempts_idx on login_attempts (username, attempted_at);

-- per-province settings: composite weights, status thresholds, anonymised peers, award weights
create table settings (
  province_code text not null references units (code),
  key text not null,
  value jsonb not null,
  primary key (province_code, key)
);
