-- 014: issue 8, page speed. The full-text tables learn each document's
-- organisation (a "scope" token, see search_index.c), so that a
-- search reads and ranks only its own organisation's matches instead of every
-- organisation's (search_index.c). The tables are made anew and filled again
-- from the records at the next start (search_ensure_index), as after 004.
DROP TABLE search_words;
DROP TABLE search_parts;
-- whole words, accent- and case-insensitive ("cafe" finds "Café")
CREATE VIRTUAL TABLE search_words USING fts5(title, body, scope,
	tokenize = 'unicode61 remove_diacritics 2');
-- parts of words, for Dutch compounds ("cafe" finds "Taalcafé"): the text is
-- folded by kring first (search.c), as this SQLite's trigram tokenizer keeps accents
CREATE VIRTUAL TABLE search_parts USING fts5(title, body, scope, tokenize = 'trigram');
DELETE FROM search_docs;
DELETE FROM settings WHERE key = 'search.index';
