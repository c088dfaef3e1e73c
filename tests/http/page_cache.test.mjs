/*
 * page_cache.test.mjs - pages kept for the next identical request (issue
 * 8, P1; src/http/page_cache.h), seen from outside on either backend:
 * - the second view of a page is answered from the cache (counted on
 *   /metrics) and is the same page;
 * - a change made by another process (sqlite3 or psql on the database
 *   itself, no request to kring) shows on the next view;
 * - a change made through kring shows at once;
 * - two people asking the same URL each get their own page, and one
 *   person asking in two languages gets both;
 * - KRING_PAGE_CACHE_MB=0 turns it off, and a bad value is refused.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, USERS, ORG, csrfFrom, textOf, KRING_BIN } from './helpers.mjs';
import { sql } from '../lib/database.mjs';
import { spawnSync } from 'node:child_process';

let server;

/* One worker thread: on SQLite a page is kept per connection (the data
 * version is the connection's), so with one the second view is always a
 * hit, and a stale page would be shown, not missed. */
before(async () => {
	server = await new Server().start({ env: { KRING_METRICS_ALLOW: '127.0.0.1', KRING_THREADS: '1' } });
});
after(() => server && server.kill());

/* The page cache's counters from /metrics. */
async function counters(s = server) {
	const text = (await new Client(s).get('/metrics')).body;
	const read = (name) => {
		const line = text.split('\n').find((l) => l.startsWith(`${name} `));
		assert.ok(line, `${name} on /metrics`);
		return Number(line.split(' ')[1]);
	};
	return { hits: read('kring_page_cache_hits_total'), misses: read('kring_page_cache_misses_total') };
}

/*
 * GETs url until the answer came from the cache, and returns it. On
 * PostgreSQL the key is the snapshot, which a write to any database of the
 * cluster moves (other test files run beside this one): a few tries may miss.
 */
async function untilKept(c, url) {
	for (let i = 0; i < 50; i++) {
		const before = (await counters()).hits;
		const res = await c.get(url);
		if ((await counters()).hits > before) return res;
	}
	assert.fail(`${url} was never answered from the cache`);
}

/* The communities list's id of the community named name, or null. */
function communityId(html, name) {
	const m = html.match(new RegExp(`href="/o/${ORG}/communities/(\\d+)"[^>]*>${name}<`));
	return m ? m[1] : null;
}

test('the second view comes from the cache, and is the same page', async () => {
	const c = new Client(server);
	await c.login(USERS.sascha);
	const url = `/o/${ORG}/communities/1`;
	const first = await c.get(url);
	assert.equal(first.status, 200);
	const second = await untilKept(c, url);
	assert.equal(second.status, 200);
	assert.equal(second.body, first.body);
	assert.equal(second.headers['content-type'], first.headers['content-type']);
	assert.equal(second.headers['content-language'], 'nl');
	assert.equal(second.headers['cache-control'], first.headers['cache-control']);
});

test('a change by another process shows on the next view', async () => {
	const c = new Client(server);
	await c.login(USERS.sascha);
	const url = `/o/${ORG}/communities/1`;
	const page = await untilKept(c, url);
	const name = textOf(page.body).match(/Taalcafé voor nieuwkomers/);
	assert.ok(name, 'the demo community on the page');
	sql(server.db, "UPDATE communities SET name = 'Taalcafé voor iedereen' WHERE id = 1");
	try {
		const after = await c.get(url);
		assert.match(textOf(after.body), /Taalcafé voor iedereen/, 'the new name, not the kept page');
		assert.doesNotMatch(textOf(after.body), /Taalcafé voor nieuwkomers/);
	} finally {
		sql(server.db, "UPDATE communities SET name = 'Taalcafé voor nieuwkomers' WHERE id = 1");
	}
	assert.match(textOf((await c.get(url)).body), /Taalcafé voor nieuwkomers/);
});

test('a change through kring shows at once, to everyone who kept the page', async () => {
	const sascha = new Client(server);
	await sascha.login(USERS.sascha);
	const marieke = new Client(server);
	await marieke.login(USERS.marieke);
	const list = `/o/${ORG}/communities`;
	for (const c of [sascha, marieke]) await untilKept(c, list);
	const csrf = csrfFrom((await sascha.get(`/o/${ORG}/communities/new`)).body);
	const made = await sascha.post(`/o/${ORG}/communities/new`, { csrf, name: 'Breiclub op dinsdag', status: 'gewenst' });
	assert.equal(made.status, 303);
	for (const c of [sascha, marieke]) {
		const page = await c.get(list);
		assert.ok(communityId(page.body, 'Breiclub op dinsdag'), `${c.email} sees the new community`);
	}
});

test('the same URL: each person their own page, each language its own', async () => {
	const sascha = new Client(server);
	await sascha.login(USERS.sascha);
	const fatima = new Client(server); // ambassadeur: only her own communities
	await fatima.login(USERS.fatima);
	const list = `/o/${ORG}/communities`;
	await sascha.get(list);
	const hers = (await fatima.get(list)).body;
	const his = (await sascha.get(list)).body;
	assert.notEqual(hers, his);
	assert.equal(csrfFrom(hers), csrfFrom((await fatima.get(list)).body), 'her own token, twice');
	assert.notEqual(csrfFrom(hers), csrfFrom(his), 'never his token on her page');
	const en = await sascha.get(list, { headers: { 'Accept-Language': 'en' } });
	assert.equal(en.headers['content-language'], 'en');
	const nl = await sascha.get(list, { headers: { 'Accept-Language': 'nl' } });
	assert.equal(nl.headers['content-language'], 'nl');
	assert.notEqual(en.body, nl.body);
	const en2 = await sascha.get(list, { headers: { 'Accept-Language': 'en' } });
	assert.equal(en2.body, en.body);
	assert.equal(en2.headers.vary, 'Accept-Language');
});

test('KRING_PAGE_CACHE_MB=0 keeps nothing; a bad value is refused', async () => {
	const off = await new Server().start({ env: { KRING_METRICS_ALLOW: '127.0.0.1', KRING_PAGE_CACHE_MB: '0' } });
	try {
		const c = new Client(off);
		await c.login(USERS.sascha);
		for (let i = 0; i < 3; i++) assert.equal((await c.get(`/o/${ORG}/communities`)).status, 200);
		assert.deepEqual(await counters(off), { hits: 0, misses: 0 });
	} finally {
		off.kill();
	}
	const bad = spawnSync(KRING_BIN, ['serve', '--db', server.db, '--listen', '127.0.0.1:1'], {
		env: { ...process.env, KRING_PAGE_CACHE_MB: 'veel' },
		encoding: 'utf8',
	});
	assert.equal(bad.status, 2);
	assert.match(bad.stderr, /KRING_PAGE_CACHE_MB/);
});
