-- 005_scan_versions: scan entries and notes carry a version, like every
-- other record, so that a delete confirmation names the version it saw
-- (issue 7, hole 7) and a stale one deletes nothing.
ALTER TABLE scan_entries ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE scan_notes ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
