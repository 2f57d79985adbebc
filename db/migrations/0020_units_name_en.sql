-- Units named in English: English is a full second locale, and a unit's Chinese name showed in
-- English charts, exports and briefings. Null: the romanised fallback (@bixue/domain/unit-names-en)
-- is shown instead, so only the units an admin names by hand carry a value. units is a reference
-- table under Citus.
alter table units add column name_en text check (name_en is null or length(name_en) between 1 and 200);
alter table units add column short_name_en text check (short_name_en is null or length(short_name_en) between 1 and 100);
