-- 014: issue 8, page speed. SQLite's full-text tables learn each document's
-- organisation (sqlite/014_speed.sql); PostgreSQL's search_terms has its
-- org_id since 004 and reads only the organisation's documents already:
-- nothing changes here.
SELECT 1;
