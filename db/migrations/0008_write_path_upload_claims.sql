-- Pending uploads (0003) are claimed by the process that commits them: when, so a claim left by a
-- process that died mid-commit (its transaction rolled back) can be taken over after a while
-- instead of holding the upload until it expires.
alter table pending_uploads add column claimed_at timestamptz;
