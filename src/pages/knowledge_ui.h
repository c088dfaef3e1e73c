/*
 * knowledge_ui.h - what the knowledge pages share (knowledge.c,
 * knowledge_form.c, knowledge_page.c, and the community page's section).
 */
#ifndef KRING_KNOWLEDGE_UI_H
#define KRING_KNOWLEDGE_UI_H

#include "../core/knowledge.h"
#include "../http/server.h"
#include "../web/html.h"

/* "/o/<slug>/knowledge/<id><suffix>" (id 0: the kennisbank itself). Arena-owned. */
const char *ui_knowledge_url(struct req *r, long long id, const char *suffix);
/* The Dutch label of a kind ("Verhaal"). */
const char *ui_knowledge_kind(const char *kind);
/* Link to the kennisbank filtered by tag. Arena-owned. */
const char *ui_knowledge_tag_url(struct req *r, const char *tag);
/*
 * One item as a card in a list: title linked (to href), kind, community
 * (and organisation when org is true), date, a plain-text excerpt and its
 * tags (as links to the filtered kennisbank when tag_links).
 */
void ui_knowledge_card(struct req *r, struct html *h, const struct knowledge *k, const char *href,
                       bool org, bool tag_links);
/*
 * The "Kennis" section of a community's page (community.c calls it): its
 * latest items and, for who may write, a link to add one.
 */
void knowledge_section(struct req *r, struct html *h, long long community_id);

#endif
