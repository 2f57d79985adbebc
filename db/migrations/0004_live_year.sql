-- The live year (domain.md §5): how each target falls due through the year. Norms are not linear
-- in days: 支委会 monthly, 党员大会 quarterly, 组织生活会 once by a due month. `due_month` is read by
-- `annual` only. The data as-of month needs no table: it is the `data_as_of` setting, else the
-- latest closed reporting period, else the last complete month (packages/db/src/as-of.ts).
alter table targets
  add column phasing text not null default 'linear'
    check (phasing in ('monthly', 'quarterly', 'annual', 'linear')),
  add column due_month integer not null default 12 check (due_month between 1 and 12);

-- rows seeded before this migration take the defaults of domain.md §5 (packages/domain/src/targets.ts)
update targets set phasing = 'monthly'
  where indicator_code in ('branch_committee', 'party_group_meeting', 'theme_party_day', 'collective_study', 'center_group_study');
update targets set phasing = 'quarterly' where indicator_code in ('members_congress', 'party_lecture');
update targets set phasing = 'annual', due_month = 12 where indicator_code in ('org_life_meeting', 'democratic_review');
