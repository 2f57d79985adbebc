-- The one write path (issue 12): data versions, audit rows that say which version they made,
-- pending uploads that outlive a process, and the login and user rules that hold under concurrency.

-- One row per province; every write that changes a province's facts raises its version by one in
-- the write's transaction. The row lock taken there also serialises the writers of one province.
create table data_versions (
  province_code text primary key references units (code),
  version bigint not null,
  updated_at timestamptz not null default now()
);

-- the version the row's transaction created (null for rows older than this migration), and the
-- reason given for a correction
alter table fact_audit add column data_version bigint;
alter table fact_audit add column reason text;
create index fact_audit_version_idx on fact_audit (data_version);

-- Uploaded files between preview and commit: in the database, so a restart or another server
-- process can commit what this one previewed.
create table pending_uploads (
  id text primary key,
  owner text not null,
  file_name text not null,
  bytes bytea not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  state text not null default 'waiting' check (state in ('waiting', 'running', 'done', 'failed')),
  done integer not null default 0,
  total integer not null default 0
);
create index pending_uploads_expires_idx on pending_uploads (expires_at);

-- 'Admin' and 'admin' are one user name
create unique index users_username_ci_idx on users (lower(username));

-- a login attempt is recorded (succeeded null) before the password is checked, so a burst of
-- parallel guesses counts itself before any of them is evaluated
alter table login_attempts alter column succeeded drop not null;
-- so an attempt's row can be given its outcome once the password is checked
alter table login_attempts add column id bigint generated always as identity;
