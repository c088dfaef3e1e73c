/*
 * calendar.test.mjs - the month calendar and the calendar feeds (issue 9)
 * over HTTP, on either backend: the month grid (Monday first, Dutch names,
 * activities as links with their voor/met/door mark in words), bad month
 * values (a Dutch 400 or the current month, never a crash), an
 * ambassadeur's scope, another organisation's community or key (404), and
 * feed keys: a valid feed, renewal kills the old key. Activities are
 * inserted with SQL: their forms belong to another part of the work.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, OTHER_ORG, USERS, assertDutchError, textOf, unescapeHtml } from './helpers.mjs';
import { sql } from '../lib/database.mjs';

const server = new Server();
const c = {};
const ids = {};

/* Inserts an activity of org (1 = de-sleutel) in communities; returns its id. */
function activity(org, fields, communities = []) {
	const f = {
		title: 'Activiteit', held_on: '2031-03-12', starts_at: '', made: 'met', status: 'planned',
		outcome: '', place: '', ...fields,
	};
	const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
	const id = Number(sql(server.db,
		`INSERT INTO activities (org_id, title, held_on, starts_at, made, status, outcome, place, created_at, updated_at)
		 VALUES (${org}, ${q(f.title)}, ${q(f.held_on)}, ${q(f.starts_at)}, ${q(f.made)}, ${q(f.status)},
		 ${q(f.outcome)}, ${q(f.place)}, 1780000000, 1780000000) RETURNING id`).split('\n')[0]);
	assert.ok(id > 0);
	for (const cm of communities)
		sql(server.db, `INSERT INTO activity_communities (org_id, activity_id, community_id) VALUES (${org}, ${id}, ${cm})`);
	return id;
}

function idOf(query) {
	return Number(sql(server.db, query).split('\n')[0]);
}

before(async () => {
	await server.start();
	for (const [i, who] of ['marieke', 'sascha', 'fatima', 'henk', 'anouk'].entries()) {
		c[who] = new Client(server, { localAddress: `127.0.0.${81 + i}` });
		await c[who].login(USERS[who]);
	}
	ids.org = idOf(`SELECT id FROM orgs WHERE slug = '${ORG}'`);
	ids.other = idOf(`SELECT id FROM orgs WHERE slug = '${OTHER_ORG}'`);
	// fatima is ambassadeur of the Taalcafé; the Repair Café is not hers
	ids.taal = idOf(`SELECT id FROM communities WHERE org_id = ${ids.org} AND name LIKE 'Taalcaf%'`);
	ids.repair = idOf(`SELECT id FROM communities WHERE org_id = ${ids.org} AND name LIKE 'Repair%'`);
	const theirs = sql(server.db, `SELECT id FROM communities WHERE org_id = ${ids.other} ORDER BY id`);
	ids.theirCommunity = theirs
		? Number(theirs.split('\n')[0])
		: idOf(`INSERT INTO communities (org_id, name, status, status_since, created_at, updated_at) VALUES (${ids.other}, 'Leesclub Baken', 'gewenst', 1, 1, 1) RETURNING id`);
	ids.taalAct = activity(ids.org, {
		title: 'Samen koken & praten', starts_at: '19:30', made: 'door', status: 'held',
		outcome: 'Mevrouw Jansje Pietersen vertelde over haar jeugd',
	}, [ids.taal]);
	ids.repairAct = activity(ids.org, { title: 'Repair Café maart', held_on: '2031-03-29', starts_at: '10:00', made: 'voor' }, [ids.repair]);
	ids.cancelled = activity(ids.org, { title: 'Voorleesochtend', held_on: '2031-03-12', made: 'met', status: 'cancelled', place: 'Buurthuis De Linde' }, [ids.repair]);
	ids.theirAct = activity(ids.other, { title: 'Baken-activiteit', held_on: '2031-03-12' }, [ids.theirCommunity]);
});
after(() => server.kill());

const cal = (q = '') => `/o/${ORG}/calendar${q}`;

test('the month is a grid from Monday with Dutch names, activities as links with their mark in words', async () => {
	const res = await c.sascha.get(cal('?month=2031-03'));
	assert.equal(res.status, 200, res.body.slice(0, 500));
	assert.match(res.body, /<h1[^>]*>Agenda <span[^>]*>maart 2031<\/span><\/h1>/);
	const heads = [...res.body.matchAll(/<th scope="col"><abbr title="([a-z]+)">([a-z]+)<\/abbr><\/th>/g)].map((m) => m[1]);
	assert.deepEqual(heads, ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag']);
	// 1 March 2031 is a Saturday: five empty cells, then 1 and 2 in the first week
	const table = res.body.slice(res.body.indexOf('<table class="kring-cal"'), res.body.indexOf('</table>'));
	const firstRow = table.split('<tbody><tr>')[1].split('</tr>')[0];
	assert.equal((firstRow.match(/kring-cal-out/g) || []).length, 5);
	assert.match(firstRow, /kring-cal-date">1<\/div>.*kring-cal-date">2<\/div>/);
	assert.equal((table.match(/class="kring-cal-date">/g) || []).length, 31);
	// links, time, mark in words, cancelled in words; HTML escaped
	assert.ok(res.body.includes(`href="/o/${ORG}/activities/${ids.taalAct}"><span class="kring-cal-time">19:30</span> Samen koken &amp; praten</a> <span class="kring-cal-made kring-cal-made--door">door</span>`));
	assert.ok(res.body.includes(`href="/o/${ORG}/activities/${ids.repairAct}"><span class="kring-cal-time">10:00</span> Repair Café maart</a> <span class="kring-cal-made kring-cal-made--voor">voor</span>`));
	assert.match(res.body, new RegExp(`activities/${ids.cancelled}">Voorleesochtend</a> <span[^>]*>met</span> <span class="kring-cal-cancelled">\\(afgelast\\)</span>`));
	assert.ok(!res.body.includes('Baken-activiteit'), "another organisation's activity is not shown");
	assert.ok(!res.body.includes('Jansje'), 'no outcome on the calendar');
	// the list by day for a phone, with Dutch day names
	assert.match(textOf(res.body), /woensdag 12 maart .*Voorleesochtend/);
	assert.match(textOf(res.body), /zaterdag 29 maart .*Repair Café maart/);
	// previous and next month, keeping nothing else
	assert.ok(res.body.includes(`href="/o/${ORG}/calendar?month=2031-02" rel="prev"`));
	assert.ok(res.body.includes(`href="/o/${ORG}/calendar?month=2031-04" rel="next"`));
	const dec = await c.sascha.get(cal('?month=2030-12'));
	assert.ok(dec.body.includes(`calendar?month=2031-01" rel="next"`), 'December is followed by January of the next year');
	const jan = await c.sascha.get(cal('?month=2031-01'));
	assert.ok(jan.body.includes(`calendar?month=2030-12" rel="prev"`));
	// today is marked in the current month, in words too
	const now = await c.sascha.get(cal());
	assert.equal(now.status, 200);
	assert.match(now.body, /aria-current="date"><div class="kring-cal-date">\d+ <span class="kring-cal-today">vandaag<\/span>/);
});

test('bad month values get a Dutch 400 with the way back; an empty one is this month', async () => {
	// a control character is refused by the query decoder already (its own Dutch 400)
	for (const bad of ['%00', '2026-01%0A']) assertDutchError(await c.sascha.get(cal(`?month=${bad}`)), 400);
	for (const bad of ['2026-13', '2026-00', '2026-02-31', '1000000000000', 'abc', '2026-1', '2026-011', '-2026-01', '2026-01%20', 'x'.repeat(5000)]) {
		const res = await c.sascha.get(cal(`?month=${bad}`));
		assertDutchError(res, 400, 'Deze maand bestaat niet');
		assert.ok(res.body.includes(`href="/o/${ORG}/calendar"`), `${bad}: a link back to this month`);
	}
	for (const empty of ['', '?month=', '?month=&community=']) {
		const res = await c.sascha.get(cal(empty));
		assert.equal(res.status, 200, `"${empty}": the current month`);
		assert.ok(res.body.includes('<table class="kring-cal"'));
	}
	// the first and last months a calendar has: no link beyond them
	const first = await c.sascha.get(cal('?month=1900-01'));
	assert.equal(first.status, 200);
	assert.ok(!first.body.includes('rel="prev"') && first.body.includes('calendar?month=1900-02" rel="next"'));
	const last = await c.sascha.get(cal('?month=2999-12'));
	assert.equal(last.status, 200);
	assert.ok(!last.body.includes('rel="next"') && last.body.includes('calendar?month=2999-11" rel="prev"'));
	// a month with no activities says so
	const none = await c.sascha.get(cal('?month=1990-05'));
	assert.equal(none.status, 200);
	assert.ok(none.body.includes('Geen activiteiten in deze maand.'));
});

test('the community filter; an ambassadeur sees only their own communities', async () => {
	const only = await c.sascha.get(cal(`?month=2031-03&community=${ids.repair}`));
	assert.equal(only.status, 200);
	assert.ok(only.body.includes('Repair Café maart'));
	assert.ok(!only.body.includes('Samen koken'));
	assert.ok(only.body.includes(`href="/o/${ORG}/calendar?month=2031-04&amp;community=${ids.repair}" rel="next"`), 'the filter stays on the next month');

	const amb = await c.fatima.get(cal('?month=2031-03'));
	assert.equal(amb.status, 200);
	assert.ok(amb.body.includes('Samen koken &amp; praten'), 'her own community');
	assert.ok(!amb.body.includes('Repair Café maart'), 'not another community');
	assert.ok(!amb.body.includes('Voorleesochtend'));
	assert.ok(!amb.body.includes(`value="${ids.repair}"`), 'another community is no choice of the filter');
	assert.equal((await c.fatima.get(cal(`?month=2031-03&community=${ids.repair}`))).status, 404, 'not by URL either');
	assert.equal((await c.fatima.get(cal(`?month=2031-03&community=${ids.taal}`))).status, 200);
	// an adviseur reads everything of the organisation
	const adv = await c.anouk.get(cal('?month=2031-03'));
	assert.ok(adv.body.includes('Repair Café maart') && adv.body.includes('Samen koken'));
	// another organisation's community, or junk: 404
	for (const bad of [ids.theirCommunity, '1abc', '07', '0', '-1', '99999999'])
		assert.equal((await c.sascha.get(cal(`?month=2031-03&community=${bad}`))).status, 404, `community=${bad}`);
	// another organisation's calendar: the same 404 as one that does not exist
	assert.equal((await c.henk.get(cal())).status, 404);
});

/* POST /calendar/feeds as the beheerder; the new link's key from the answer. */
async function renew(community) {
	const csrf = await c.marieke.csrf(`/o/${ORG}/calendar/feeds`);
	const res = await c.marieke.post(`/o/${ORG}/calendar/feeds`, { csrf, community: String(community) });
	if (res.status !== 200) return { res };
	const m = /id="feed-link" type="text" readonly value="([^"]+)"/.exec(res.body);
	assert.ok(m, res.body.slice(0, 2000));
	const link = unescapeHtml(m[1]);
	return { res, link, key: new URL(link, 'http://x').searchParams.get('key') };
}

test('a feed link shows once; the feed is valid iCalendar without names; renewing kills the old key', async () => {
	const page = await c.marieke.get(`/o/${ORG}/calendar/feeds`);
	assert.equal(page.status, 200);
	assert.ok(page.body.includes('Nog geen link'));
	// staff may not see or renew keys (the route table says so; routes.test.mjs walks it)
	assert.equal((await c.sascha.get(`/o/${ORG}/calendar/feeds`)).status, 403);

	const first = await renew(0);
	assert.equal(first.res.status, 200);
	assert.match(first.key, /^[A-Za-z0-9_-]{43}$/);
	assert.ok(first.link.includes(`/o/${ORG}/activities.ics?key=`));
	assert.ok(!(await c.marieke.get(`/o/${ORG}/calendar/feeds`)).body.includes(first.key), 'the key is not shown again');
	assert.equal(sql(server.db, `SELECT COUNT(*) FROM calendar_keys WHERE key_hash = '${first.key}'`), '0', 'stored hashed');

	const anon = new Client(server);
	const feed = await anon.get(`/o/${ORG}/activities.ics?key=${first.key}`);
	assert.equal(feed.status, 200);
	assert.equal(feed.headers['content-type'], 'text/calendar; charset=utf-8');
	assert.ok(feed.body.startsWith('BEGIN:VCALENDAR\r\n'));
	assert.ok(feed.body.includes(`UID:activity-${ids.taalAct}@${ORG}\r\n`));
	assert.ok(feed.body.includes('DTSTART;TZID=Europe/Amsterdam:20310312T193000\r\n'));
	assert.ok(feed.body.includes('SUMMARY:Samen koken & praten\r\n'));
	assert.ok(feed.body.includes('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam'));
	assert.match(feed.body, new RegExp(`UID:activity-${ids.cancelled}@${ORG}[\\s\\S]*?STATUS:CANCELLED`));
	assert.ok(!feed.body.includes('Jansje') && !feed.body.includes('Pietersen'), 'no name from an outcome');
	assert.ok(!feed.body.includes('Baken-activiteit'), "no other organisation's activity");

	// another organisation's address with this key, or a community's: 404
	assert.equal((await anon.get(`/o/${OTHER_ORG}/activities.ics?key=${first.key}`)).status, 404);
	assert.equal((await anon.get(`/o/${ORG}/communities/${ids.taal}/activities.ics?key=${first.key}`)).status, 404);
	for (const bad of ['', 'A'.repeat(43), first.key.slice(1), `${first.key}x`, first.key.toLowerCase(), 'k'.repeat(6000), `${first.key}%00`])
		assert.equal((await anon.get(`/o/${ORG}/activities.ics?key=${encodeURIComponent(bad)}`)).status, 404, `key "${bad}"`);
	assert.equal((await anon.get(`/o/${ORG}/activities.ics`)).status, 404, 'no key');
	assert.equal((await anon.get(`/o/bestaat-niet/activities.ics?key=${first.key}`)).status, 404, 'no such organisation');

	// renewing: the old key stops working at once, the new one works
	const second = await renew(0);
	assert.notEqual(second.key, first.key);
	assert.equal((await anon.get(`/o/${ORG}/activities.ics?key=${first.key}`)).status, 404, 'the old key is dead');
	assert.equal((await anon.get(`/o/${ORG}/activities.ics?key=${second.key}`)).status, 200);
	assert.match((await c.marieke.get(`/o/${ORG}/calendar/feeds`)).body, /Gemaakt op [^<]+ door Marieke/);
});

test('a community feed holds only that community; another organisation\'s community cannot get a key', async () => {
	const taal = await renew(ids.taal);
	assert.equal(taal.res.status, 200);
	assert.ok(taal.link.includes(`/o/${ORG}/communities/${ids.taal}/activities.ics?key=`));
	const anon = new Client(server);
	const feed = await anon.get(`/o/${ORG}/communities/${ids.taal}/activities.ics?key=${taal.key}`);
	assert.equal(feed.status, 200);
	assert.ok(feed.body.includes(`UID:activity-${ids.taalAct}@${ORG}`));
	assert.ok(!feed.body.includes(`UID:activity-${ids.repairAct}@`), 'not another community');
	assert.ok(feed.body.includes('X-WR-CALNAME:'));
	assert.equal((await anon.get(`/o/${ORG}/communities/${ids.repair}/activities.ics?key=${taal.key}`)).status, 404);
	assert.equal((await anon.get(`/o/${ORG}/activities.ics?key=${taal.key}`)).status, 404);
	assert.equal((await anon.get(`/o/${OTHER_ORG}/communities/${ids.taal}/activities.ics?key=${taal.key}`)).status, 404);

	// another organisation's community, junk ids: no key made
	const before = sql(server.db, 'SELECT COUNT(*) FROM calendar_keys');
	assert.equal((await renew(ids.theirCommunity)).res.status, 404);
	for (const bad of ['1abc', '', '-1', '07'])
		assert.equal((await renew(bad)).res.status, 400, `community "${bad}"`);
	assert.equal(sql(server.db, 'SELECT COUNT(*) FROM calendar_keys'), before);
});
