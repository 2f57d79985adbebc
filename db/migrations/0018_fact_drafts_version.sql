-- Two people editing one unit's draft must not overwrite each other unseen: a draft carries a
-- version like a fact, checked against the version the editor's form showed. A new draft starts
-- above the approved fact's version (so a form that showed the approved figure is stale once a
-- draft exists), each change of it adds one, and approval gives the fact at least the draft's
-- version (so a form that showed an earlier draft is stale after approval too). Drafts stored
-- before this start at 1.
alter table fact_drafts add column version integer not null default 1;
