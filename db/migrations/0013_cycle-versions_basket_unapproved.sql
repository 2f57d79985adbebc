-- a basket item added while the province counted unapproved data (count_unapproved) keeps that it did,
-- so the deck counts the drafts too, as the card showed them, and says 含未审核数据 (domain.md §9–10)
alter table brief_items add column unapproved boolean not null default false;
