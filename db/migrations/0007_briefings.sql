-- the briefing basket (简报篮): each user's charts for one deck, in their order. An item keeps the
-- card as it was added (chart kind, unit, indicator, window, group, page, per member) and is drawn
-- again, through the analytics procedures and the user's scope, whenever the basket is downloaded.
create table brief_items (
  id integer generated always as identity primary key,
  user_id integer not null references users (id) on delete cascade,
  position integer not null,
  chart text not null,
  unit_code text,
  indicator text,
  "window" text not null,
  group_spec text,
  page integer,
  per_member boolean not null default false,
  title text,
  created_at timestamptz not null default now()
);
create index brief_items_user_idx on brief_items (user_id, position);
