/*
 * search_index.c - the full-text index (see search_index.h).
 *
 * How it works with SQLite: every document is one row of search_docs
 * (kind, ref, title and body), and the same text is in two FTS5 tables with
 * the same rowid:
 *   search_words  tokenize 'unicode61 remove_diacritics 2': whole words,
 *                 accent- and case-insensitive, ranked with bm25;
 *   search_parts  tokenize 'trigram' over text folded here (lower case,
 *                 accents removed: this SQLite's trigram tokenizer cannot
 *                 remove them itself): parts of words, so that "cafe" finds
 *                 the Dutch compound "Taalcafé".
 * A record is found when every term is the start of a word (search_words) or
 * when every term of three or more letters is part of its text
 * (search_parts). Each term goes into the FTS query in double quotes, with
 * quotes doubled, so nothing a person types is read as FTS syntax.
 *
 * PostgreSQL keeps the same search_docs and, beside each row, one row of
 * search_terms: the text folded here (search_fold(), so both backends fold
 * alike) for parts of words (strpos over it; a GIN trigram index is there
 * for it), and to_tsvector('simple', ...) of the folded title (weight A)
 * and body (weight B) for whole words as prefixes ('term':*), ranked with
 * ts_rank. The backend-specific statements are marked with a leading
 * comment naming their backend, so test_sql prepares each on its own.
 *
 * An ambassadeur's restricted search passes the references she may see
 * into the query (a JSON array of ids), so the database reads only those.
 */
#include "search_index.h"

#include <string.h>
#include <time.h>

/* ---- folding ---- */

struct fold_range {
	unsigned first, last; /* code points */
	char base;            /* the letter without its accent */
};

/* Latin Extended-A: letters with accents, by base letter (Ĳ and Œ apart) */
static const struct fold_range latin_ext_a[] = {
    {0x100, 0x105, 'a'}, {0x106, 0x10D, 'c'}, {0x10E, 0x111, 'd'}, {0x112, 0x11B, 'e'},
    {0x11C, 0x123, 'g'}, {0x124, 0x127, 'h'}, {0x128, 0x131, 'i'}, {0x134, 0x135, 'j'},
    {0x136, 0x138, 'k'}, {0x139, 0x142, 'l'}, {0x143, 0x14B, 'n'}, {0x14C, 0x151, 'o'},
    {0x154, 0x159, 'r'}, {0x15A, 0x161, 's'}, {0x162, 0x167, 't'}, {0x168, 0x173, 'u'},
    {0x174, 0x175, 'w'}, {0x176, 0x178, 'y'}, {0x179, 0x17E, 'z'}, {0x17F, 0x17F, 's'},
};

/* Latin-1 Supplement U+00C0-U+00FF: base letter, or 0 to keep the character
 * (×, ÷, þ, ß; Æ and æ are handled apart) */
static const char latin1[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   0,
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', 0,   'o', 'u', 'u', 'u', 'u', 'y', 0,   'y',
};

/* Decodes one UTF-8 character at s; *len gets its length (1 for a bad byte). */
static unsigned utf8_decode(const unsigned char *s, size_t *len)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (n == 1) {
		*len = 1;
		return c;
	}
	unsigned v = c & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 1;
			return c;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	*len = n;
	return v;
}

static size_t utf8_encode(unsigned c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* The folded form of code point c in out (0 bytes: drop it). */
static size_t fold_char(unsigned c, char out[4])
{
	if (c >= 'A' && c <= 'Z') {
		out[0] = (char)(c + 32);
		return 1;
	}
	if (c < 0x80)
		return utf8_encode(c, out);
	if (c >= 0x300 && c <= 0x36F)
		return 0; /* combining accents */
	if (c == 0xC6 || c == 0xE6) {
		memcpy(out, "ae", 2);
		return 2;
	}
	if (c == 0x132 || c == 0x133) { /* the Dutch ĳ */
		memcpy(out, "ij", 2);
		return 2;
	}
	if (c == 0x152 || c == 0x153) {
		memcpy(out, "oe", 2);
		return 2;
	}
	if (c >= 0xC0 && c <= 0xFF) {
		if (latin1[c - 0xC0]) {
			out[0] = latin1[c - 0xC0];
			return 1;
		}
		if (c == 0xDE)
			c = 0xFE; /* Þ -> þ */
		return utf8_encode(c, out);
	}
	for (size_t i = 0; i < sizeof(latin_ext_a) / sizeof(latin_ext_a[0]); i++)
		if (c >= latin_ext_a[i].first && c <= latin_ext_a[i].last) {
			out[0] = latin_ext_a[i].base;
			return 1;
		}
	/* lower case for Greek and Cyrillic capitals */
	if ((c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
		c += 0x20;
	else if (c >= 0x400 && c <= 0x40F)
		c += 0x50;
	return utf8_encode(c, out);
}

size_t search_fold(struct buf *out, const char *s, size_t *map)
{
	size_t start = out->len;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (p[i]) {
		size_t len;
		unsigned c = utf8_decode(p + i, &len);
		char f[4];
		size_t n = len == 1 && c >= 0x80 ? (f[0] = (char)c, 1) : fold_char(c, f);
		for (size_t k = 0; k < n; k++) {
			if (map)
				map[out->len - start] = i;
			buf_putc(out, f[k]);
		}
		i += len;
	}
	if (map)
		map[out->len - start] = i;
	return out->len - start;
}

const char *search_fold_str(struct arena *a, const char *s)
{
	struct buf b;
	buf_init(&b, a);
	search_fold(&b, s ? s : "", NULL);
	return buf_str(&b);
}

/* ---- the query ---- */

const char *search_quote(struct arena *a, const char *s)
{
	struct buf b;
	buf_init(&b, a);
	buf_putc(&b, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(&b, '"');
		buf_putc(&b, *p);
	}
	buf_putc(&b, '"');
	return buf_str(&b);
}

static bool term_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static size_t utf8_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void search_query_build(struct arena *a, const char *input, struct search_query *q)
{
	memset(q, 0, sizeof(*q));
	q->words = "";
	q->parts = "";
	if (input == NULL)
		return;
	const unsigned char *p = (const unsigned char *)input;
	struct buf words, parts;
	buf_init(&words, a);
	buf_init(&parts, a);
	while (*p && q->n_terms < SEARCH_MAX_TERMS) {
		while (*p && !term_byte(*p))
			p++;
		const unsigned char *start = p;
		while (*p && term_byte(*p))
			p++;
		size_t len = (size_t)(p - start);
		if (len == 0)
			break;
		if (len > SEARCH_MAX_TERM_LEN) { /* cut on a character boundary */
			len = SEARCH_MAX_TERM_LEN;
			while (len > 0 && (start[len] & 0xC0) == 0x80)
				len--;
		}
		const char *term = arena_strndup(a, (const char *)start, len);
		const char *folded = search_fold_str(a, term);
		if (folded[0] == '\0')
			continue;
		q->terms[q->n_terms] = term;
		q->folded[q->n_terms] = folded;
		q->n_terms++;
		buf_printf(&words, "%s%s*", words.len ? " " : "", search_quote(a, term));
		if (utf8_count(folded) >= SEARCH_MIN_PART_CHARS)
			buf_printf(&parts, "%s%s", parts.len ? " " : "", search_quote(a, folded));
	}
	q->words = buf_str(&words);
	q->parts = buf_str(&parts);
}

/* ---- the documents ----
 *
 * Statements only one backend can prepare start with a comment naming it
 * (a leading sqlite or postgres comment): test_sql prepares each on its own
 * backend. */

static bool is_pg(struct db *db)
{
	return db_backend(db) == DB_POSTGRES;
}

int search_index_remove(struct db *db, long long org_id, const char *kind, long long ref)
{
	long long id = 0;
	int rc = db_query_int(
	    db, "SELECT id FROM search_docs WHERE kind = ? AND ref_id = ? AND org_id = ?",
	    DB_ARGS(DB_TEXT(kind), DB_INT(ref), DB_INT(org_id)), &id);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	if (is_pg(db)) {
		if (db_exec(db, "/* postgres */ DELETE FROM search_terms WHERE doc_id = ?",
		            DB_ARGS(DB_INT(id))) != DB_OK)
			return -1;
	} else if (db_exec(db, "/* sqlite */ DELETE FROM search_words WHERE rowid = ?",
	                   DB_ARGS(DB_INT(id))) != DB_OK ||
	           db_exec(db, "/* sqlite */ DELETE FROM search_parts WHERE rowid = ?",
	                   DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	if (db_exec(db, "DELETE FROM search_docs WHERE id = ?", DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	return 0;
}

/*
 * SQLite: the scope column of the text tables holds the document's
 * organisation as one token, so that a search matches it beside the words
 * and the text index hands out only the organisation's documents
 * (migration 014). search_words (whole words): "o" and the id in twelve
 * digits. search_parts (trigrams): the id in three letters or digits
 * (base 36), exactly one trigram, found only in its own organisation's
 * documents (a longer token would share trigrams such as "000" with every
 * other organisation's). Beyond 46,656 organisations two may share a code:
 * then the search reads a few more documents, and the query's org_id still
 * keeps the other's out.
 */
static const char *scope_of(struct arena *a, long long org_id, bool parts)
{
	if (!parts)
		return arena_printf(a, "o%012lld", org_id);
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	unsigned long long v = (unsigned long long)org_id % (36ull * 36ull * 36ull);
	char code[4] = {digits[v / 1296], digits[v / 36 % 36], digits[v % 36], '\0'};
	return arena_strdup(a, code);
}

/* q (an FTS5 query over any column) for the title and body of org's documents. */
static const char *scoped(struct arena *a, const char *q, long long org_id, bool parts)
{
	if (q == NULL || q[0] == '\0')
		return "";
	return arena_printf(a, "{title body} : (%s) AND scope : \"%s\"", q,
	                    scope_of(a, org_id, parts));
}

/* The words and the folded text of a new document (id) beside search_docs. */
static int put_terms(struct db *db, struct arena *a, long long id, long long org_id,
                     const char *title, const char *body)
{
	const char *ftitle = search_fold_str(a, title);
	const char *fbody = search_fold_str(a, body);
	if (is_pg(db))
		/* whole words from the folded text (the title weighs more), and the
		 * folded text itself for parts of words */
		return db_exec(
		    db,
		    "/* postgres */ INSERT INTO search_terms (doc_id, org_id, folded, words)"
		    " VALUES (?1, ?2, ?3 || chr(10) || ?4,"
		    " setweight(to_tsvector('simple', ?3), 'A')"
		    " || setweight(to_tsvector('simple', ?4), 'B'))",
		    DB_ARGS(DB_INT(id), DB_INT(org_id), DB_TEXT(ftitle), DB_TEXT(fbody)));
	/* the organisation as a token of its own column: a search asks for it */
	const char *scope = scope_of(a, org_id, false), *scope3 = scope_of(a, org_id, true);
	int rc = db_exec(db,
	                 "/* sqlite */ INSERT INTO search_words (rowid, title, body, scope)"
	                 " VALUES (?, ?, ?, ?)",
	                 DB_ARGS(DB_INT(id), DB_TEXT(title), DB_TEXT(body), DB_TEXT(scope)));
	if (rc == DB_OK)
		rc = db_exec(db,
		             "/* sqlite */ INSERT INTO search_parts (rowid, title, body, scope)"
		             " VALUES (?, ?, ?, ?)",
		             DB_ARGS(DB_INT(id), DB_TEXT(ftitle), DB_TEXT(fbody), DB_TEXT(scope3)));
	return rc;
}

int search_index_put(struct db *db, long long org_id, const char *kind, long long ref,
                     const char *title, const char *body)
{
	if (search_index_remove(db, org_id, kind, ref) != 0)
		return -1;
	title = title ? title : "";
	body = body ? body : "";
	struct arena a;
	arena_init(&a);
	long long id = 0;
	int rc = -1;
	if (db_query_int(db,
	                 "INSERT INTO search_docs (org_id, kind, ref_id, title, body, updated_at)"
	                 " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_INT(ref), DB_TEXT(title),
	                         DB_TEXT(body), DB_INT((long long)time(NULL))),
	                 &id) == DB_ROW &&
	    put_terms(db, &a, id, org_id, title, body) == DB_OK)
		rc = 0;
	arena_free(&a);
	return rc;
}

int search_index_clear(struct db *db)
{
	int rc = is_pg(db) ? db_exec(db, "/* postgres */ DELETE FROM search_terms", DB_NOARGS)
	                   : db_exec(db, "/* sqlite */ DELETE FROM search_words", DB_NOARGS);
	if (rc == DB_OK && !is_pg(db))
		rc = db_exec(db, "/* sqlite */ DELETE FROM search_parts", DB_NOARGS);
	if (rc == DB_OK)
		rc = db_exec(db, "DELETE FROM search_docs", DB_NOARGS);
	if (rc == DB_OK)
		rc = db_exec(db, "DELETE FROM settings WHERE key = 'search.index'", DB_NOARGS);
	return rc == DB_OK ? 0 : -1;
}

int search_index_mark_built(struct db *db)
{
	return db_exec(db,
	               "INSERT INTO settings (key, value) VALUES ('search.index', '1')"
	               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	               DB_NOARGS) == DB_OK
	           ? 0
	           : -1;
}

int search_index_is_built(struct db *db)
{
	long long built = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM settings WHERE key = 'search.index'", DB_NOARGS,
	                 &built) != DB_ROW)
		return -1;
	return built > 0;
}

/*
 * Hits of up to eight kinds in one statement (the text indexes are read
 * once, not once per kind): the org's documents matching the words or the
 * parts query, grouped by kind in the order asked (column 3: its place),
 * best first within a kind (whole-word matches before parts of words, the
 * title weighing more than the body), at most ?5 per kind. Parameters: ?1
 * words, ?2 org, ?3 and ?8 to ?14 the kinds ('' for none), ?4 parts, ?5
 * limit, ?6 1 to keep only the refs in ?7 (a JSON array of ids), so a
 * restricted search reads only the rows it may show.
 *
 * SQLite: ?1 and ?4 are FTS5 queries (search_query_build, then scoped() to
 * the organisation), matched against search_words and search_parts, ranked
 * with bm25.
 */
#define SEARCH_KINDS " d.kind IN (?3, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
#define SEARCH_KIND_PLACE                                                                          \
	" CASE d.kind WHEN ?3 THEN 0 WHEN ?8 THEN 1 WHEN ?9 THEN 2 WHEN ?10 THEN 3"                \
	" WHEN ?11 THEN 4 WHEN ?12 THEN 5 WHEN ?13 THEN 6 ELSE 7 END"
#define SEARCH_SQL_SQLITE                                                                          \
	"/* sqlite */ SELECT d.ref_id, d.title, d.body, d.place FROM (SELECT d.ref_id, d.title, "  \
	"d.body," SEARCH_KIND_PLACE " AS place, ROW_NUMBER() OVER (PARTITION BY d.kind ORDER BY"   \
	" CASE WHEN w.rid IS NULL THEN 1 ELSE 0 END, w.score, LOWER(d.title), d.ref_id) AS n"      \
	" FROM search_docs d"                                                                      \
	" LEFT JOIN (SELECT rowid AS rid, bm25(search_words, 4.0, 1.0, 0.0) AS score"              \
	" FROM search_words WHERE search_words MATCH ?1) w ON w.rid = d.id"                        \
	" WHERE d.org_id = ?2 AND" SEARCH_KINDS                                                    \
	" AND (?6 = 0 OR d.ref_id IN (SELECT value FROM json_each(?7)))"                           \
	" AND (w.rid IS NOT NULL OR (?4 <> '' AND d.id IN"                                         \
	" (SELECT rowid FROM search_parts WHERE search_parts MATCH ?4)))) AS d"                    \
	" WHERE d.n <= ?5 ORDER BY d.place, d.n"

/*
 * PostgreSQL: ?1 is a tsquery of the folded terms as prefixes
 * ('t1':* & 't2':*), matched against search_terms.words and ranked with
 * ts_rank; ?4 the folded terms of three or more letters, separated by
 * spaces, each of which must be part of search_terms.folded.
 */
#define SEARCH_SQL_PG                                                                              \
	"/* postgres */ SELECT d.ref_id, d.title, d.body, d.place FROM (SELECT d.ref_id, "         \
	"d.title, "                                                                                \
	"d.body," SEARCH_KIND_PLACE " AS place, ROW_NUMBER() OVER (PARTITION BY d.kind ORDER BY"   \
	" CASE WHEN s.words @@ w.q THEN 0 ELSE 1 END, ts_rank(s.words, w.q) DESC,"                 \
	" LOWER(d.title), d.ref_id) AS n"                                                          \
	" FROM search_docs d"                                                                      \
	" JOIN search_terms s ON s.doc_id = d.id"                                                  \
	" CROSS JOIN (SELECT to_tsquery('simple', ?1) AS q) w"                                     \
	" WHERE d.org_id = ?2 AND" SEARCH_KINDS " AND (?6 = 0 OR d.ref_id IN"                      \
	" (SELECT CAST(v AS BIGINT) FROM json_array_elements_text(CAST(?7 AS json)) AS v))"        \
	" AND (s.words @@ w.q OR (?4 <> '' AND NOT EXISTS (SELECT 1 FROM"                          \
	" unnest(string_to_array(?4, ' ')) AS p WHERE strpos(s.folded, p) = 0)))) AS d"            \
	" WHERE d.n <= ?5 ORDER BY d.place, d.n"

/* The PostgreSQL forms of q's words (a tsquery) and parts (spaced terms). */
static void pg_query_text(struct arena *a, const struct search_query *q, const char **words,
                          const char **parts)
{
	struct buf w, p;
	buf_init(&w, a);
	buf_init(&p, a);
	for (int i = 0; i < q->n_terms; i++) {
		buf_puts(&w, w.len ? " & '" : "'");
		for (const char *c = q->folded[i]; *c; c++) {
			if (*c == '\'' || *c == '\\')
				buf_putc(&w, *c);
			buf_putc(&w, *c);
		}
		buf_puts(&w, "':*");
		if (utf8_count(q->folded[i]) >= SEARCH_MIN_PART_CHARS)
			buf_printf(&p, "%s%s", p.len ? " " : "", q->folded[i]);
	}
	*words = buf_str(&w);
	*parts = buf_str(&p);
}

/* The refs of scope as a JSON array of numbers ("[]" when unrestricted). */
static const char *refs_json(struct arena *a, const struct search_scope *scope)
{
	struct buf b;
	buf_init(&b, a);
	buf_putc(&b, '[');
	for (size_t i = 0; scope->only_refs && i < scope->n_refs; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", scope->refs[i]);
	buf_putc(&b, ']');
	return buf_str(&b);
}

void search_text_add(struct buf *b, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return;
	if (b->len > 0)
		buf_putc(b, '\n');
	buf_puts(b, s);
}

/* ---- snippets ---- */

#define SNIPPET_BEFORE 80  /* bytes of context before the match */
#define SNIPPET_AFTER  160 /* and after it */

/* Moves i back to the start of the UTF-8 character it is in. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* s with its line breaks shown as " · " (the body joins the fields with them). */
static const char *one_line(struct arena *a, const char *s)
{
	if (strpbrk(s, "\r\n") == NULL)
		return s;
	struct buf b;
	buf_init(&b, a);
	for (const char *p = s; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_puts(&b, " · ");
		else
			buf_putc(&b, *p);
	}
	return buf_str(&b);
}

/* Fills before / match / after of hit from body and the folded terms. */
static void snippet(struct arena *a, const char *body, const struct search_query *q,
                    struct search_hit *hit)
{
	size_t len = strlen(body);
	size_t *map = arena_alloc(a, (2 * len + 1) * sizeof(*map));
	struct buf folded;
	buf_init(&folded, a);
	search_fold(&folded, body, map);
	const char *f = buf_str(&folded);
	const char *best = NULL;
	size_t best_len = 0;
	for (int i = 0; i < q->n_terms; i++) {
		const char *m = strstr(f, q->folded[i]);
		if (m && (best == NULL || m < best)) {
			best = m;
			best_len = strlen(q->folded[i]);
		}
	}
	size_t ms = 0, me = 0; /* the match in body */
	if (best) {
		ms = map[best - f];
		me = map[best - f + best_len];
	}
	size_t from = ms > SNIPPET_BEFORE ? char_start(body, ms - SNIPPET_BEFORE) : 0;
	size_t to = len - me > SNIPPET_AFTER ? char_start(body, me + SNIPPET_AFTER) : len;
	/* start and end at a space when there is one near */
	for (size_t i = from; from > 0 && i < ms && i < from + 20; i++)
		if (body[i] == ' ' || body[i] == '\n') {
			from = i + 1;
			break;
		}
	for (size_t i = to; to < len && i > me && i + 20 > to; i--)
		if (body[i] == ' ' || body[i] == '\n') {
			to = i;
			break;
		}
	hit->before = one_line(
	    a, arena_printf(a, "%s%.*s", from > 0 ? "…" : "", (int)(ms - from), body + from));
	hit->match = one_line(a, arena_strndup(a, body + ms, me - ms));
	hit->after =
	    one_line(a, arena_printf(a, "%.*s%s", (int)(to - me), body + me, to < len ? "…" : ""));
}

int search_index_find(struct db *db, struct arena *a, long long org_id,
                      const struct search_scope *scope, const char *input,
                      struct search_result *out)
{
	memset(out, 0, sizeof(*out));
	struct search_query q;
	search_query_build(a, input, &q);
	if (q.n_terms == 0 || (scope->only_refs && scope->n_refs == 0))
		return 0;
	size_t cap = 0;
	size_t kinds = scope->n_kinds < SEARCH_MAX_KINDS ? scope->n_kinds : SEARCH_MAX_KINDS;
	const char *words = q.words, *parts = q.parts;
	if (is_pg(db)) {
		pg_query_text(a, &q, &words, &parts);
	} else {
		words = scoped(a, words, org_id, false);
		parts = scoped(a, parts, org_id, true);
	}
	const char *refs = refs_json(a, scope);
	const char *kind[SEARCH_MAX_KINDS];
	for (size_t k = 0; k < SEARCH_MAX_KINDS; k++)
		kind[k] = k < kinds ? scope->kinds[k] : "";
	const struct db_param *args =
	    DB_ARGS(DB_TEXT(words), DB_INT(org_id), DB_TEXT(kind[0]), DB_TEXT(parts),
	            DB_INT(SEARCH_MAX_RESULTS), DB_INT(scope->only_refs), DB_TEXT(refs),
	            DB_TEXT(kind[1]), DB_TEXT(kind[2]), DB_TEXT(kind[3]), DB_TEXT(kind[4]),
	            DB_TEXT(kind[5]), DB_TEXT(kind[6]), DB_TEXT(kind[7]));
	struct db_stmt *st;
	if ((is_pg(db) ? db_query(db, &st, SEARCH_SQL_PG, args)
	               : db_query(db, &st, SEARCH_SQL_SQLITE, args)) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		long long k = db_col_int(st, 3);
		if (k < 0 || (size_t)k >= kinds || out->n_kind[k] >= SEARCH_MAX_RESULTS)
			continue;
		out->hits = arena_grow(a, out->hits, out->n_hits, &cap, sizeof(*out->hits));
		struct search_hit *h = &out->hits[out->n_hits++];
		h->kind = scope->kinds[k];
		h->id = db_col_int(st, 0);
		h->title = db_col_text(st, 1, a);
		snippet(a, db_col_text(st, 2, a), &q, h);
		out->n_kind[k]++;
	}
	db_finish(st);
	if (rc != DB_DONE)
		return -1;
	return 0;
}
