-- A unit that entered a wrong figure must be able to take it back while its period is open: the
-- removal waits for approval like any other change, so it is a draft too — status 'missing', no
-- value — and approval deletes the approved fact through the write path. Views that overlay drafts
-- read such a draft as "no fact here".
alter table fact_drafts drop constraint fact_drafts_status_check;
alter table fact_drafts add constraint fact_drafts_status_check check (status in ('value', 'undisclosed', 'missing'));
