-- Who changed a province setting, from what to what (issue 12/13: the k-anonymity threshold and
-- the plausible bounds decide what users see and what they must confirm; a change to them is on
-- record). Written in the same transaction as the setting; old_value null: the default applied.
--
-- Keyed by province_code first: under Citus a reference-sized table beside settings.
create table settings_audit (
  id bigint generated always as identity,
  province_code text not null references units (code),
  key text not null,
  old_value jsonb,
  new_value jsonb not null,
  changed_by text not null,
  changed_at timestamptz not null default now(),
  primary key (province_code, id)
);
