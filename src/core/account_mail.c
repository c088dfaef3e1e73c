/*
 * account_mail.c - one mail through an SMTP relay (see account_mail.h).
 */
#define _GNU_SOURCE
#include "account_mail.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool mail_address_ok(const char *s)
{
	if (s == NULL)
		return false;
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	if (n < 3 || n > 254 || at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' ||
		    c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' ||
		    c == ':')
			return false;
	}
	return strchr(at + 1, '.') != NULL;
}

static bool header_ok(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") == NULL;
}

struct payload {
	const char *data;
	size_t len, off;
};

static size_t read_payload(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct payload *p = arg;
	size_t room = size * nmemb, left = p->len - p->off;
	size_t n = left < room ? left : room;
	memcpy(buf, p->data + p->off, n);
	p->off += n;
	return n;
}

/* The subject as an RFC 2047 encoded word (base64 UTF-8), so any text is one safe header. */
static char *encoded_subject(const char *subject)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(subject);
	char *out = malloc(n * 2 + 32), *o = out;
	if (out == NULL)
		return NULL;
	o += sprintf(o, "=?UTF-8?B?");
	const unsigned char *s = (const unsigned char *)subject;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
		             (i + 2 < n ? s[i + 2] : 0);
		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = i + 1 < n ? b64[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? b64[v & 63] : '=';
	}
	strcpy(o, "?=");
	return out;
}

int mail_send(const char *url, const char *from, const char *to, const char *subject,
              const char *body)
{
	if (url == NULL || url[0] == '\0' || !mail_address_ok(from) || !mail_address_ok(to) ||
	    !header_ok(subject) || body == NULL)
		return -1;
	char *subj = encoded_subject(subject);
	if (subj == NULL)
		return -1;
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	char *msg = NULL;
	int len = asprintf(&msg,
	                   "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\nSubject: %s\r\n"
	                   "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
	                   "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n",
	                   date, from, to, subj, body);
	free(subj);
	if (len < 0)
		return -1;
	CURL *c = curl_easy_init();
	if (c == NULL) {
		free(msg);
		return -1;
	}
	char rcpt_buf[300], from_buf[300];
	snprintf(rcpt_buf, sizeof(rcpt_buf), "<%s>", to);
	snprintf(from_buf, sizeof(from_buf), "<%s>", from);
	struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_buf);
	struct payload p = {msg, (size_t)len, 0};
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_buf);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_payload);
	curl_easy_setopt(c, CURLOPT_READDATA, &p);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		fprintf(stderr, "kring: mail not sent: %s\n", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	free(msg);
	return rc == CURLE_OK ? 0 : -1;
}

struct mail_job {
	char *url, *from, *to, *subject, *body;
};

static void *mail_thread(void *arg)
{
	struct mail_job *j = arg;
	mail_send(j->url, j->from, j->to, j->subject, j->body);
	free(j->url);
	free(j->from);
	free(j->to);
	free(j->subject);
	free(j->body);
	free(j);
	return NULL;
}

void mail_send_later(const char *url, const char *from, const char *to, const char *subject,
                     const char *body)
{
	struct mail_job *j = calloc(1, sizeof(*j));
	if (j == NULL)
		return;
	j->url = strdup(url);
	j->from = strdup(from);
	j->to = strdup(to);
	j->subject = strdup(subject);
	j->body = strdup(body);
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (!j->url || !j->from || !j->to || !j->subject || !j->body ||
	    pthread_create(&t, &attr, mail_thread, j) != 0)
		mail_thread(j); /* frees it (and sends, when it could copy everything) */
	pthread_attr_destroy(&attr);
}
