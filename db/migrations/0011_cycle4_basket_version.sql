-- a basket item keeps the data version its card was drawn from when it was added (domain.md §9),
-- so a deck made later draws the facts the person saw, not whatever they have become since.
-- null: items added before versions were kept, and charts that have no earlier version (报送情况)
alter table brief_items add column data_version bigint;
