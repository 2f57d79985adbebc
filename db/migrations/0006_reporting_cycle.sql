-- The reporting cycle (domain.md §9): periods a province opens, one task per unit, the task's
-- audited transitions, drafts kept apart from approved facts, reminders and the webhook outbox.
-- Unit-keyed tables lead with unit_code, like facts, so under Citus they distribute by unit;
-- reporting_periods is small and per province (a reference table).
-- Nothing here references 0003–0005: migrations may be applied in any order on a fresh database.

create table reporting_periods (
  province_code text not null references units (code),
  period text not null,
  -- absolute months (year * 12 + month - 1), inclusive, as in facts: "does this period cover that fact" is integer compares
  start_month integer not null,
  end_month integer not null,
  due_date date not null,
  -- the indicators required of each level: {"county": ["members_congress", …], "city": […], "province": […]}
  required jsonb not null default '{}',
  state text not null default 'open' check (state in ('open', 'closed')),
  opened_by text,
  opened_at timestamptz not null default now(),
  closed_by text,
  closed_at timestamptz,
  primary key (province_code, period),
  check (end_month >= start_month),
  check ((state = 'closed') = (closed_at is not null))
);
create index reporting_periods_months_idx on reporting_periods (province_code, start_month, end_month);

create table unit_tasks (
  unit_code text not null references units (code),
  period text not null,
  province_code text not null,
  state text not null default 'not_started'
    check (state in ('not_started', 'draft', 'submitted', 'returned', 'approved')),
  -- the last transition's comment (a return's reason) shown beside the state
  comment text,
  updated_by text,
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  primary key (unit_code, period),
  foreign key (province_code, period) references reporting_periods (province_code, period) on delete cascade
);
create index unit_tasks_period_idx on unit_tasks (province_code, period, state);

create table task_transitions (
  id bigint generated always as identity,
  unit_code text not null,
  period text not null,
  from_state text not null,
  to_state text not null,
  actor text not null,
  at timestamptz not null default now(),
  comment text,
  primary key (unit_code, id)
);
create index task_transitions_task_idx on task_transitions (unit_code, period, at);

-- A unit's figures for an open period before its superior approves them. Keyed like facts;
-- approval moves them into facts through the one write path and deletes them here.
create table fact_drafts (
  unit_code text not null references units (code),
  indicator_code text not null references indicators (code),
  period text not null,
  grain text not null check (grain in ('month', 'quarter', 'half', 'year')),
  start_month integer not null,
  end_month integer not null,
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
  primary key (unit_code, indicator_code, period),
  check ((status = 'value') = (value is not null)),
  check (end_month >= start_month)
);
create index fact_drafts_indicator_window_idx on fact_drafts (indicator_code, start_month, end_month);

-- 催报: one row per unit reminded; the unit's home shows the unread ones.
create table reminders (
  id bigint generated always as identity,
  unit_code text not null references units (code),
  period text not null,
  message text not null,
  sent_by text not null,
  sent_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (unit_code, id)
);
create index reminders_unit_idx on reminders (unit_code, read_at);

-- Posts to a province's group robot (企业微信/钉钉). A row is written in the same transaction as
-- the reminders, so a post is never lost: delivery retries with backoff until it succeeds or
-- gives up, and every failure stays visible here.
create table webhook_outbox (
  id bigint generated always as identity primary key,
  province_code text not null references units (code),
  url text not null,
  body jsonb not null,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index webhook_outbox_due_idx on webhook_outbox (state, next_attempt_at);
