-- English as a second language (issue 14): each person's own choice of the
-- interface language. '' follows the browser (Accept-Language), 'nl' and
-- 'en' fix it.
ALTER TABLE persons ADD COLUMN lang TEXT NOT NULL DEFAULT '' CHECK (lang IN ('', 'nl', 'en'));
