-- Each preview counts its owner's pending uploads (at most 20 and 100 MB per person) before
-- storing one more: by owner, not over every person's uploads.
create index pending_uploads_owner_idx on pending_uploads (owner, expires_at);
