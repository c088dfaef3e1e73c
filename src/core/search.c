/*
 * search.c - find anything (see search.h).
 *
 * How it works with SQLite: every community, partner and conversation is
 * one row of search_docs (title and body: all its text), and the same text
 * is in two FTS5 tables with the same rowid:
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
 * All FTS-specific SQL is in the block marked "FTS5" below. PostgreSQL
 * will do the same with one tsvector column over
 * to_tsvector('simple', unaccent(title || ' ' || body)) with a GIN index and
 * plainto_tsquery/prefix matching for words, and pg_trgm (a GIN trigram
 * index on unaccent(lower(body))) with ILIKE for parts of words; the rest of
 * this file (folding, documents, roles, snippets) stays as it is.
 */
#include "search.h"

#include <string.h>

#include "../i18n/text.h"
#include "community.h"
#include "partner.h"

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

/* ---- the documents (FTS5) ---- */

static const char *const doc_kinds[] = {"community", "partner", "conversation"};

/* Removes the document of (kind, ref) from the index. 0 or -1. */
static int doc_remove(struct db *db, long long org_id, const char *kind, long long ref)
{
	long long id = 0;
	int rc = db_query_int(
	    db, "SELECT id FROM search_docs WHERE kind = ? AND ref_id = ? AND org_id = ?",
	    DB_ARGS(DB_TEXT(kind), DB_INT(ref), DB_INT(org_id)), &id);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	if (db_exec(db, "DELETE FROM search_words WHERE rowid = ?", DB_ARGS(DB_INT(id))) != DB_OK ||
	    db_exec(db, "DELETE FROM search_parts WHERE rowid = ?", DB_ARGS(DB_INT(id))) != DB_OK ||
	    db_exec(db, "DELETE FROM search_docs WHERE id = ?", DB_ARGS(DB_INT(id))) != DB_OK)
		return -1;
	return 0;
}

/* Puts the document of (kind, ref) in the index, replacing the old one. 0 or -1. */
static int doc_put(struct db *db, long long org_id, const char *kind, long long ref,
                   const char *title, const char *body, long long updated_at)
{
	if (doc_remove(db, org_id, kind, ref) != 0)
		return -1;
	struct arena a;
	arena_init(&a);
	long long id = 0;
	int rc = -1;
	if (db_query_int(db,
	                 "INSERT INTO search_docs (org_id, kind, ref_id, title, body, updated_at)"
	                 " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	                 DB_ARGS(DB_INT(org_id), DB_TEXT(kind), DB_INT(ref), DB_TEXT(title),
	                         DB_TEXT(body), DB_INT(updated_at)),
	                 &id) == DB_ROW &&
	    db_exec(db, "INSERT INTO search_words (rowid, title, body) VALUES (?, ?, ?)",
	            DB_ARGS(DB_INT(id), DB_TEXT(title), DB_TEXT(body))) == DB_OK &&
	    db_exec(db, "INSERT INTO search_parts (rowid, title, body) VALUES (?, ?, ?)",
	            DB_ARGS(DB_INT(id), DB_TEXT(search_fold_str(&a, title)),
	                    DB_TEXT(search_fold_str(&a, body)))) == DB_OK)
		rc = 0;
	arena_free(&a);
	return rc;
}

/*
 * Hits of one kind: the org's documents matching the words or the parts
 * query, best first. Parameters: words, org, kind, only_attached (twice),
 * parts (twice), limit.
 */
#define SEARCH_SQL                                                                                 \
	"SELECT d.ref_id, d.title, d.body FROM search_docs d"                                      \
	" LEFT JOIN (SELECT rowid AS rid, bm25(search_words, 4.0, 1.0) AS score"                   \
	" FROM search_words WHERE search_words MATCH ?) w ON w.rid = d.id"                         \
	" WHERE d.org_id = ? AND d.kind = ?"                                                       \
	" AND (? = 0 OR (d.kind = 'community' AND EXISTS (SELECT 1 FROM community_ambassadors a"   \
	" WHERE a.community_id = d.ref_id AND a.org_id = d.org_id AND a.person_id = ?)))"          \
	" AND (w.rid IS NOT NULL OR (? <> '' AND d.id IN"                                          \
	" (SELECT rowid FROM search_parts WHERE search_parts MATCH ?)))"                           \
	" ORDER BY CASE WHEN w.rid IS NULL THEN 1 ELSE 0 END, w.score, LOWER(d.title), d.ref_id"   \
	" LIMIT ?"

/* ---- end of the FTS5 part ---- */

/* "a\nb\n..." of the non-empty texts. */
static void add_text(struct buf *b, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return;
	if (b->len > 0)
		buf_putc(b, '\n');
	buf_puts(b, s);
}

/* Appends column 0 of every row of sql(id, org) to b. 0 or -1. */
static int add_rows(struct db *db, struct arena *a, struct buf *b, struct db_sql sql, long long id,
                    long long org_id)
{
	struct db_stmt *st;
	if (db_query_stmt(db, &st, sql, DB_ARGS(DB_INT(id), DB_INT(org_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		add_text(b, db_col_text(st, 0, a));
	db_finish(st);
	return rc == DB_DONE ? 0 : -1;
}

int search_sync_community(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct community c;
	int rc = -1;
	int found = community_get(db, &a, org_id, id, &c);
	if (found == 0) {
		rc = doc_remove(db, org_id, "community", id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		const char *fields[] = {c.description, c.why,          c.geography,  c.identity,
		                        c.affinity,    c.contact_name, c.contact_how};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			add_text(&b, fields[i]);
		if (add_rows(
		        db, &a, &b,
		        DB_SQL(
		            "SELECT text FROM community_items WHERE community_id = ? AND org_id = ?"
		            " ORDER BY kind, position, id"),
		        id, org_id) == 0)
			rc =
			    doc_put(db, org_id, "community", id, c.name, buf_str(&b), c.updated_at);
	}
	arena_free(&a);
	return rc;
}

int search_sync_partner(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct partner p;
	int rc = -1;
	int found = partner_get(db, &a, org_id, id, &p);
	if (found == 0) {
		rc = doc_remove(db, org_id, "partner", id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		add_text(&b, vocab_label(partner_kinds, TXT_PARTNER_KIND_VERENIGING, p.kind));
		const char *fields[] = {p.part_of, p.description, p.contact_name, p.contact_how};
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			add_text(&b, fields[i]);
		struct partner_power *pw;
		size_t n_pw;
		if (power_list(db, &a, org_id, id, &pw, &n_pw) == 0) {
			for (size_t i = 0; i < n_pw; i++) {
				add_text(&b, pw[i].challenges);
				add_text(&b, pw[i].core_values);
				add_text(&b, pw[i].goals);
				add_text(&b, pw[i].commitments);
				add_text(&b, pw[i].success);
			}
			rc = doc_put(db, org_id, "partner", id, p.name, buf_str(&b), p.updated_at);
		}
	}
	arena_free(&a);
	return rc;
}

int search_sync_conversation(struct db *db, long long org_id, long long id)
{
	struct arena a;
	arena_init(&a);
	struct conversation c;
	int rc = -1;
	int found = conversation_get(db, &a, org_id, id, &c);
	if (found == 0) {
		rc = doc_remove(db, org_id, "conversation", id);
	} else if (found == 1) {
		struct buf b;
		buf_init(&b, &a);
		add_text(&b, vocab_label(conversation_kinds, TXT_CONVERSATION_KIND_KENNISMAKING,
		                         c.kind));
		add_text(&b, c.participants);
		add_text(&b, c.report);
		add_text(&b, c.next_note);
		if (add_rows(db, &a, &b,
		             DB_SQL("SELECT text FROM action_points WHERE conversation_id = ? AND "
		                    "org_id = ?"
		                    " ORDER BY id"),
		             id, org_id) == 0)
			rc = doc_put(db, org_id, "conversation", id, c.subject, buf_str(&b),
			             c.updated_at);
	}
	arena_free(&a);
	return rc;
}

/* Ids and orgs of every row of table (a literal SQL text). */
static int all_ids(struct db *db, struct arena *a, struct db_sql sql, long long **ids,
                   long long **orgs, size_t *n_out)
{
	struct db_stmt *st;
	size_t n = 0, cap = 0;
	long long *v = NULL, *o = NULL;
	if (db_query_stmt(db, &st, sql, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			long long *nv = arena_alloc(a, ncap * sizeof(*nv));
			long long *no = arena_alloc(a, ncap * sizeof(*no));
			if (n) {
				memcpy(nv, v, n * sizeof(*nv));
				memcpy(no, o, n * sizeof(*no));
			}
			v = nv;
			o = no;
			cap = ncap;
		}
		v[n] = db_col_int(st, 0);
		o[n] = db_col_int(st, 1);
		n++;
	}
	db_finish(st);
	*ids = v;
	*orgs = o;
	*n_out = n;
	return rc == DB_DONE ? 0 : -1;
}

/* Rebuilds everything inside the caller's transaction. 0 or -1. */
static int rebuild_in_tx(struct db *db)
{
	if (db_exec(db, "DELETE FROM search_words", DB_NOARGS) != DB_OK ||
	    db_exec(db, "DELETE FROM search_parts", DB_NOARGS) != DB_OK ||
	    db_exec(db, "DELETE FROM search_docs", DB_NOARGS) != DB_OK)
		return -1;
	struct arena a;
	arena_init(&a);
	long long *ids, *orgs;
	size_t n;
	int rc = 0;
	const struct db_sql tables[] = {DB_SQL("SELECT id, org_id FROM communities"),
	                                DB_SQL("SELECT id, org_id FROM partners"),
	                                DB_SQL("SELECT id, org_id FROM conversations")};
	int (*sync[])(struct db *, long long, long long) = {
	    search_sync_community, search_sync_partner, search_sync_conversation};
	for (size_t t = 0; rc == 0 && t < 3; t++) {
		if (all_ids(db, &a, tables[t], &ids, &orgs, &n) != 0) {
			rc = -1;
			break;
		}
		for (size_t i = 0; rc == 0 && i < n; i++)
			rc = sync[t](db, orgs[i], ids[i]);
	}
	if (rc == 0 && db_exec(db,
	                       "INSERT INTO settings (key, value) VALUES ('search.index', '1')"
	                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	                       DB_NOARGS) != DB_OK)
		rc = -1;
	arena_free(&a);
	return rc;
}

int search_rebuild(struct db *db)
{
	if (db_begin(db) != DB_OK)
		return -1;
	if (rebuild_in_tx(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == DB_OK ? 0 : -1;
}

int search_ensure_index(struct db *db)
{
	const struct db_sql sql =
	    DB_SQL("SELECT COUNT(*) FROM settings WHERE key = 'search.index'");
	long long built = 0;
	if (db_query_int_stmt(db, sql, DB_NOARGS, &built) != DB_ROW)
		return -1;
	if (built)
		return 0;
	if (db_begin(db) != DB_OK)
		return -1;
	/* someone else may have built it while this thread waited for the lock */
	if (db_query_int_stmt(db, sql, DB_NOARGS, &built) != DB_ROW ||
	    (!built && rebuild_in_tx(db) != 0)) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == DB_OK ? 0 : -1;
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

int search_run(struct db *db, struct arena *a, long long org_id, long long only_attached,
               bool staff_kinds, const char *input, struct search_result *out)
{
	memset(out, 0, sizeof(*out));
	struct search_query q;
	search_query_build(a, input, &q);
	if (q.n_terms == 0)
		return 0;
	size_t cap = 0;
	/* an ambassadeur: communities only, whatever was asked */
	size_t kinds = staff_kinds && only_attached == 0 ? 3 : 1;
	for (size_t k = 0; k < kinds; k++) {
		struct db_stmt *st;
		if (db_query(db, &st, SEARCH_SQL,
		             DB_ARGS(DB_TEXT(q.words), DB_INT(org_id), DB_TEXT(doc_kinds[k]),
		                     DB_INT(only_attached), DB_INT(only_attached), DB_TEXT(q.parts),
		                     DB_TEXT(q.parts), DB_INT(SEARCH_MAX_RESULTS))) != DB_OK)
			return -1;
		int rc;
		while ((rc = db_step(st)) == DB_ROW) {
			if (out->n_hits == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				struct search_hit *v = arena_alloc(a, ncap * sizeof(*v));
				if (out->n_hits)
					memcpy(v, out->hits, out->n_hits * sizeof(*v));
				out->hits = v;
				cap = ncap;
			}
			struct search_hit *h = &out->hits[out->n_hits++];
			h->kind = doc_kinds[k];
			h->id = db_col_int(st, 0);
			h->title = db_col_text(st, 1, a);
			snippet(a, db_col_text(st, 2, a), &q, h);
			out->n_kind[k]++;
		}
		db_finish(st);
		if (rc != DB_DONE)
			return -1;
	}
	return 0;
}
