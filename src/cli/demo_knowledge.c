/*
 * demo_knowledge.c - the demo's knowledge items (see demo_knowledge.h).
 * The first item is the Taalcafé's story with a photo, so that item 1 and
 * file 1 exist in a fresh demo (tests/http/routes.test.mjs walks them).
 */
#include "demo_knowledge.h"

#include <stdint.h>
#include <string.h>

#include "../core/files.h"
#include "../core/knowledge.h"
#include "demo_work.h"

static uint32_t crc_table[256];

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	if (crc_table[1] == 0)
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			crc_table[i] = c;
		}
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

static void be32(struct buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	buf_append(b, (const char *)x, 4);
}

static void chunk(struct buf *out, const char *type, const unsigned char *data, size_t n)
{
	be32(out, (uint32_t)n);
	size_t at = out->len;
	buf_append(out, type, 4);
	if (n)
		buf_append(out, (const char *)data, n);
	be32(out, crc32_of((const unsigned char *)out->data + at, n + 4));
}

void demo_png(struct buf *out, int w, int h, unsigned seed)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	buf_append(out, (const char *)sig, 8);
	unsigned char ihdr[13] = {0};
	for (int i = 0; i < 4; i++) {
		ihdr[i] = (unsigned char)((unsigned)w >> (24 - 8 * i));
		ihdr[4 + i] = (unsigned char)((unsigned)h >> (24 - 8 * i));
	}
	ihdr[8] = 8; /* bits per sample */
	ihdr[9] = 2; /* RGB */
	chunk(out, "IHDR", ihdr, 13);
	/* the picture: sky, a table with a cloth, and round heads around it */
	size_t raw_len = (size_t)h * (1 + 3 * (size_t)w);
	unsigned char *raw = arena_alloc(out->arena, raw_len);
	unsigned char cloth[3] = {(unsigned char)(120 + seed * 37 % 120), 60,
	                          (unsigned char)(40 + seed * 53 % 160)};
	for (int y = 0; y < h; y++) {
		unsigned char *row = raw + (size_t)y * (1 + 3 * (size_t)w);
		row[0] = 0;
		for (int x = 0; x < w; x++) {
			unsigned char *px = row + 1 + 3 * x;
			unsigned char c[3] = {235, 228, 210}; /* wall */
			if (y > h * 3 / 5)
				memcpy(c, cloth, 3);
			for (int k = 0; k < 5; k++) {
				int cx = w * (k + 1) / 6, cy = h * 2 / 5, r = h / 9;
				int dx = x - cx, dy = y - cy;
				if (dx * dx + dy * dy < r * r) {
					c[0] = (unsigned char)(90 + 30 * k);
					c[1] = (unsigned char)(60 + 20 * k);
					c[2] = 50;
				}
				if (y > cy + r && y < h * 3 / 5 && dx > -r && dx < r) {
					c[0] = (unsigned char)(30 + 40 * ((k + seed) % 5));
					c[1] = 90;
					c[2] = (unsigned char)(140 - 20 * k);
				}
			}
			memcpy(px, c, 3);
		}
	}
	/* zlib: stored deflate blocks, then Adler-32 */
	struct buf z;
	buf_init(&z, out->arena);
	buf_append(&z, "\x78\x01", 2);
	size_t at = 0;
	do {
		size_t n = raw_len - at > 65535 ? 65535 : raw_len - at;
		unsigned char hd[5] = {(unsigned char)(at + n == raw_len), (unsigned char)n,
		                       (unsigned char)(n >> 8), (unsigned char)~n,
		                       (unsigned char)(~n >> 8)};
		buf_append(&z, (const char *)hd, 5);
		buf_append(&z, (const char *)raw + at, n);
		at += n;
	} while (at < raw_len);
	uint32_t s1 = 1, s2 = 0;
	for (size_t i = 0; i < raw_len; i++) {
		s1 = (s1 + raw[i]) % 65521;
		s2 = (s2 + s1) % 65521;
	}
	be32(&z, (s2 << 16) | s1);
	chunk(out, "IDAT", (const unsigned char *)z.data, z.len);
	chunk(out, "IEND", NULL, 0);
}

static long long person(struct db *db, const char *email)
{
	long long id = 0;
	db_query_int(db, "SELECT id FROM persons WHERE email = ?", DB_ARGS(DB_TEXT(email)), &id);
	return id;
}

static long long community(struct db *db, long long org, const char *name)
{
	long long id = 0;
	db_query_int(db, "SELECT id FROM communities WHERE org_id = ? AND name = ?",
	             DB_ARGS(DB_INT(org), DB_TEXT(name)), &id);
	return id;
}

/* The latest held activity of a community, or 0. */
static long long activity_of(struct db *db, long long org, long long cid)
{
	long long id = 0;
	db_query_int(db,
	             "SELECT a.id FROM activities a JOIN activity_communities ac"
	             " ON ac.activity_id = a.id AND ac.org_id = a.org_id WHERE a.org_id = ?"
	             " AND ac.community_id = ? AND a.status = 'held' ORDER BY a.held_on DESC, a.id"
	             " DESC LIMIT 1",
	             DB_ARGS(DB_INT(org), DB_INT(cid)), &id);
	return id;
}

struct demo_item {
	const char *community;
	const char *kind;
	const char *title;
	const char *body;
	const char *url;
	const char *tags;
	const char *by;     /* e-mail of the writer */
	const char *with;   /* e-mail of a second contributor, or NULL */
	const char *photo;  /* description of a drawn photo, or NULL */
	bool from_activity; /* the community's latest activity is its source */
	bool shared;
};

static const struct demo_item items[] = {
    {"Taalcafé voor nieuwkomers", "verhaal", "Samen koken, samen praten",
     "Op de avond met eten uit eigen land kookten **twaalf deelnemers** voor elkaar. "
     "Wie nog weinig Nederlands sprak, legde het recept uit aan de hand van de "
     "ingrediënten op tafel.\n\n## Wat we leerden\n\n- Praten gaat makkelijker met iets "
     "in je handen.\n- De recepten willen de deelnemers bundelen in een meertalig "
     "kookboek.\n- Kinderen waren welkom: dat maakte de drempel lager.",
     "", "koken, taal, ouders", "fatima@voorbeeld.nl", "sascha@desleutel.nl",
     "Deelnemers van het taalcafé rond een gedekte tafel in de bibliotheek", true, true},
    {"Taalcafé voor nieuwkomers", "notitie", "Vaste tafel op dinsdagochtend werkt",
     "Sinds de leestafel op dinsdagochtend vast voor het taalcafé is, komen er "
     "*gemiddeld vijf mensen meer*. Niemand hoeft meer te zoeken waar de groep zit.",
     "", "ruimte, taal", "sascha@desleutel.nl", NULL, NULL, false, false},
    {"Taalcafé voor nieuwkomers", "link", "Oefenmateriaal van het Taalhuis",
     "Oefenkaarten voor gesprekken bij de huisarts en op school, die we in het taalcafé "
     "gebruiken.",
     "https://www.taalhuis.nl/", "taal, oefenen", "sascha@desleutel.nl", NULL, NULL, false, false},
    {"Repair Café en dorpsnetwerk Heikant", "verhaal", "Veertig spullen een tweede leven",
     "Op de eerste zaterdag repareerden de vrijwilligers **veertig** spullen: van "
     "broodroosters tot een kinderfiets. Bezoekers bleven hangen bij de leestafel met "
     "boeken over repareren.\n\n> \"Ik kwam voor mijn lamp en ging weg met een "
     "bibliotheekpas.\"",
     "", "duurzaamheid, repareren", "jeroen@desleutel.nl", NULL,
     "Vrijwilligers aan de werktafel van het Repair Café in het dorpshuis", true, true},
    {"Repair Café en dorpsnetwerk Heikant", "notitie", "Gereedschap lenen via de bibliotheek",
     "Idee van de dorpsraad: een kast met gereedschap die je leent zoals een boek. "
     "Uitzoeken wat de verzekering zegt.",
     "", "repareren, idee", "jeroen@desleutel.nl", NULL, NULL, false, false},
    {"Boekstart: jonge ouders in Molenbeek", "notitie", "Voorlezen in het Turks en Arabisch",
     "Twee moeders willen voorlezen in hun eigen taal. Dat trekt ouders die nog niet "
     "komen. Plannen voor het voorjaar.",
     "", "ouders, voorlezen, taal", "sascha@desleutel.nl", NULL, NULL, false, false},
};

int demo_knowledge_load(struct db *db)
{
	long long org = demo_org_id(db, "de-sleutel");
	if (org == 0)
		return -1;
	long long has = 0;
	if (db_query_int(db, "SELECT COUNT(*) FROM knowledge_items WHERE org_id = ?",
	                 DB_ARGS(DB_INT(org)), &has) != DB_ROW)
		return -1;
	if (has > 0)
		return 0; /* loaded before */
	struct arena a;
	arena_init(&a);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(items) / sizeof(items[0]); i++) {
		const struct demo_item *d = &items[i];
		long long cid = community(db, org, d->community);
		if (cid == 0)
			continue;
		struct knowledge k = {.community_id = cid,
		                      .kind = d->kind,
		                      .title = d->title,
		                      .body = d->body,
		                      .url = d->url,
		                      .shared = d->shared};
		knowledge_tags_parse(&a, d->tags, &k.tags, &k.n_tags);
		if (d->from_activity)
			k.activity_id = activity_of(db, org, cid);
		long long with[1] = {d->with ? person(db, d->with) : 0};
		struct buf png;
		buf_init(&png, &a);
		struct knowledge_file_in file = {0};
		if (d->photo) {
			demo_png(&png, 300, 200, (unsigned)i);
			file = (struct knowledge_file_in){.name = "foto.png",
			                                  .data = (const unsigned char *)png.data,
			                                  .len = png.len,
			                                  .max = png.len,
			                                  .alt = d->photo};
		}
		enum knowledge_problem why;
		int file_why;
		if (knowledge_create(db, org, person(db, d->by), 0, &k, with, with[0] ? 1 : 0,
		                     d->photo ? &file : NULL, NULL, &why, &file_why) != SAVE_OK)
			rc = -1;
	}
	arena_free(&a);
	if (rc != 0)
		return -1;
	/* the log tells the truth: the demo wrote these, not the people it names */
	return db_exec(db,
	               "UPDATE audit_log SET person_id = NULL WHERE org_id = ? AND action LIKE"
	               " 'knowledge.%'",
	               DB_ARGS(DB_INT(org))) == DB_OK
	           ? 0
	           : -1;
}
