/*
 * signals.test.mjs - Aandacht nodig, the start page and the adviser's counts
 * (issue 10) over HTTP, on SQLite or PostgreSQL (KRING_TEST_PG): who sees
 * which signals (an ambassadeur their own communities, an adviser every
 * library they advise, nobody another organisation's), setting a signal
 * aside with its checks (a date in the past, a 100 000-character reason,
 * another organisation's signal), restoring it, kinds switched off vanish,
 * and `kring signals --check` finds no differences after all of it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, USERS, csrfFrom } from './helpers.mjs';

const server = new Server();
const c = {};

before(async () => {
	await server.start();
	const names = ['marieke', 'sascha', 'anouk', 'fatima', 'henk'];
	await Promise.all(
		names.map(async (n, i) => {
			c[n] = new Client(server, { localAddress: `127.0.0.${81 + i}` });
			await c[n].login(USERS[n]);
		}),
	);
});
after(() => server.kill());

const SIGNALS = '/o/de-sleutel/signals';

/* The ids of the signals on a page, in order. */
function signalIds(html) {
	return [...html.matchAll(/<li class="kring-signal" id="signaal-(\d+)">/g)].map((m) => Number(m[1]));
}

/* The names of the community groups on Aandacht nodig. */
function groups(html) {
	return [...html.matchAll(/<h2 class="utrecht-heading-3" id="g-c\d+">(?:<a [^>]*>)?([^<]+)/g)].map((m) => m[1]);
}

async function post(who, path, fields) {
	const page = await c[who].get(SIGNALS);
	return c[who].post(path, { ...fields, csrf: csrfFrom(page.body) });
}

function inDays(n) {
	const d = new Date(Date.now() + n * 86400_000);
	return d.toISOString().slice(0, 10);
}

test('everyone reads Aandacht nodig as their role allows; nobody another library\'s', async () => {
	const all = await c.marieke.get(SIGNALS);
	assert.equal(all.status, 200);
	const names = groups(all.body);
	assert.ok(names.includes('Taalcafé voor nieuwkomers'), names.join(', '));
	assert.ok(names.includes('Samen voor Oosterveld: verhalen van het dorp'), names.join(', '));
	assert.match(all.body, /Les 1 uit de pilot Nieuw Delen/, 'the lesson it comes from');
	assert.match(all.body, /Er is nog geen bouwer/, 'a plain sentence');
	assert.match(all.body, /href="\/o\/de-sleutel\/communities\/\d+#medewerkers">Naar de medewerkers/, 'where it is mended');
	assert.match(all.body, /Later, met een reden/, 'staff may set aside');
	assert.match((await c.marieke.get('/o/de-sleutel/communities')).body, /<li>geen bouwer<\/li>/, 'the list shows them short');

	// the ambassadeur: their own community only, no set-aside, no library group
	const amb = await c.fatima.get(SIGNALS);
	assert.equal(amb.status, 200);
	assert.deepEqual(groups(amb.body), ['Taalcafé voor nieuwkomers']);
	assert.doesNotMatch(amb.body, /Later, met een reden/);
	assert.doesNotMatch(amb.body, /De bibliotheek en het team/);
	for (const id of signalIds(amb.body))
		assert.ok(signalIds(all.body).includes(id));

	// the adviser reads all of it, changes nothing
	const adv = await c.anouk.get(SIGNALS);
	assert.equal(adv.status, 200);
	assert.deepEqual(signalIds(adv.body), signalIds(all.body));
	assert.doesNotMatch(adv.body, /Later, met een reden/);
	const id = signalIds(all.body)[0];
	assert.equal((await post('anouk', `${SIGNALS}/${id}/aside`, { until: inDays(30), reason: 'x' })).status, 403);
	assert.equal((await post('fatima', `${SIGNALS}/${id}/aside`, { until: inDays(30), reason: 'x' })).status, 403);

	// another library: the same 404 as for one that does not exist
	assert.equal((await c.henk.get(SIGNALS)).status, 404);
	assert.equal((await c.henk.get('/o/het-baken/signals')).status, 200);

	// filter by kind and "mine"
	const roles = await c.marieke.get(`${SIGNALS}?soort=role_missing`);
	assert.ok(signalIds(roles.body).length >= 1);
	assert.doesNotMatch(roles.body, /Er staan meer behoeften/);
	const mine = await c.sascha.get(`${SIGNALS}?mijn=1`);
	assert.equal(mine.status, 200);
	assert.ok(signalIds(mine.body).length <= signalIds(all.body).length);
	assert.match(mine.body, /id="mijn" name="mijn" value="1" checked/);
	const odd = await c.marieke.get(`${SIGNALS}?soort=%3Cscript%3E&mijn=ja`);
	assert.equal(odd.status, 200, 'an unknown kind or value shows everything');
});

test('set aside: checked, gone from the list, restored', async () => {
	const page = await c.marieke.get(SIGNALS);
	const id = signalIds(page.body)[0];
	const url = `${SIGNALS}/${id}/aside`;

	let res = await post('marieke', url, { until: '2020-01-01', reason: 'Na de zomer' });
	assert.equal(res.status, 422, 'a date in the past');
	assert.match(res.body, /Kies een datum na vandaag/);
	assert.match(res.body, /Na de zomer<\/textarea>/, 'what was typed is kept');
	assert.match(res.body, new RegExp(`id="s${id}-until"`), 'the error is beside its own signal');

	res = await post('marieke', url, { until: inDays(30), reason: 'x'.repeat(100_000) });
	assert.equal(res.status, 422, 'a 100 000-character reason');
	res = await post('marieke', url, { until: inDays(30), reason: '' });
	assert.equal(res.status, 422, 'no reason');
	res = await post('marieke', url, { until: 'morgen', reason: 'Na de zomer' });
	assert.equal(res.status, 422, 'not a date');

	// another library's signal: henk makes one in het-baken
	const hc = await c.henk.get('/o/het-baken/communities/new');
	const made = await c.henk.post('/o/het-baken/communities/new', { name: 'Leesclub Baken', status: 'gewenst', csrf: csrfFrom(hc.body) });
	assert.equal(made.status, 303);
	const theirs = signalIds((await c.henk.get('/o/het-baken/signals')).body);
	assert.ok(theirs.length >= 1, 'a new community lacks its roles');
	res = await post('marieke', `${SIGNALS}/${theirs[0]}/aside`, { until: inDays(30), reason: 'Na de zomer' });
	assert.equal(res.status, 404, 'another organisation\'s signal is not found');
	assert.equal((await post('marieke', `${SIGNALS}/${theirs[0]}/restore`, {})).status, 404);
	assert.equal((await post('marieke', `${SIGNALS}/999999/aside`, { until: inDays(30), reason: 'x' })).status, 404);
	assert.ok(signalIds((await c.henk.get('/o/het-baken/signals')).body).includes(theirs[0]), 'untouched');

	res = await post('marieke', url, { until: inDays(30), reason: 'Na de zomer zoeken we een verbinder' });
	assert.equal(res.status, 303);
	assert.match(res.headers.location, /\/o\/de-sleutel\/signals\?klaar=opzij$/);
	let after = await c.marieke.get(`${SIGNALS}?klaar=opzij`);
	assert.match(after.body, /Het signaal ligt opzij/);
	const current = after.body.split('id="h-opzij"')[0];
	assert.ok(!signalIds(current).includes(id), 'gone from the current list');
	assert.match(after.body, /Na de zomer zoeken we een verbinder/, 'listed as set aside, with why');
	// the ambassadeur's count and the adviser see it gone too
	assert.ok(!signalIds((await c.anouk.get(SIGNALS)).body.split('id="h-opzij"')[0]).includes(id));

	res = await post('marieke', `${SIGNALS}/${id}/restore`, {});
	assert.equal(res.status, 303);
	after = await c.marieke.get(SIGNALS);
	assert.ok(signalIds(after.body).includes(id), 'back in the list');
	assert.doesNotMatch(after.body, /id="h-opzij"/);
});

test('the beheerder switches kinds off; they vanish; the maximum is checked', async () => {
	const settings = await c.marieke.get('/o/de-sleutel/settings');
	assert.equal(settings.status, 200);
	assert.match(settings.body, /id="kind-role_missing" name="on-role_missing" value="1" checked/);
	assert.equal((await c.sascha.get('/o/de-sleutel/settings')).status, 403);
	const on = {};
	for (const m of settings.body.matchAll(/name="(on-[a-z_]+)" value="1"/g))
		on[m[1]] = '1';
	assert.ok(Object.keys(on).length >= 14, 'every kind can be switched');
	delete on['on-role_missing'];
	const csrf = csrfFrom(settings.body);
	assert.equal((await c.marieke.post('/o/de-sleutel/settings/signals', { ...on, max: '0', csrf })).status, 422);
	assert.equal((await c.marieke.post('/o/de-sleutel/settings/signals', { ...on, max: 'veel', csrf })).status, 422);
	assert.equal((await post('sascha', '/o/de-sleutel/settings/signals', { ...on, max: '3' })).status, 403);
	const res = await c.marieke.post('/o/de-sleutel/settings/signals', { ...on, max: '3', csrf });
	assert.equal(res.status, 303);
	const page = await c.marieke.get(SIGNALS);
	assert.doesNotMatch(page.body, /Er is nog geen (bouwer|verbinder|aanjager)/);
	// the communities list and the profile read the same kept signals
	assert.doesNotMatch((await c.marieke.get('/o/de-sleutel/communities')).body, /<li>geen (bouwer|verbinder|aanjager)<\/li>/);
	assert.doesNotMatch(page.body, /Les 1 uit de pilot Nieuw Delen: per community/);
	const again = await c.marieke.get('/o/de-sleutel/settings');
	assert.match(again.body, /id="kind-role_missing" name="on-role_missing" value="1">/, 'shown off');
	// on again: back
	const back = await c.marieke.post('/o/de-sleutel/settings/signals', { ...on, 'on-role_missing': '1', max: '3', csrf: csrfFrom(again.body) });
	assert.equal(back.status, 303);
	assert.match((await c.marieke.get(SIGNALS)).body, /Er is nog geen bouwer/);
});

test('the start page says what to do today, per role', async () => {
	const m = (await c.marieke.get('/o/de-sleutel/')).body;
	for (const id of ['h-actiepunten', 'h-contacten', 'h-signalen', 'h-activiteiten', 'h-kort', 'h-methode'])
		assert.match(m, new RegExp(`id="${id}"`), id);
	assert.match(m, /href="\/o\/de-sleutel\/dashboard">Naar het dashboard/);
	assert.match(m, /href="\/o\/de-sleutel\/goals">Stap 5/);
	assert.match(m, /href="\/o\/de-sleutel\/activities">Stap 6/);
	const s = (await c.sascha.get('/o/de-sleutel/')).body;
	assert.match(s, /id="h-actiepunten"/);
	assert.doesNotMatch(s, /id="h-kort"/, 'the summary is the beheerder\'s');
	const f = (await c.fatima.get('/o/de-sleutel/')).body;
	assert.match(f, /id="h-doelen"/);
	assert.match(f, /id="h-activiteiten"/);
	for (const id of ['h-actiepunten', 'h-contacten', 'h-signalen', 'h-kort'])
		assert.doesNotMatch(f, new RegExp(`id="${id}"`), `nothing of the library's internal steps (${id})`);
	// an empty library: a first-use guide instead of empty blocks
	const h = (await c.henk.get('/o/het-baken/')).body;
	assert.ok(/id="h-begin"/.test(h) || /id="h-kort"/.test(h));
});

test('the adviser overview counts each library\'s signals and links its dashboard', async () => {
	const res = await c.anouk.get('/adviser');
	assert.equal(res.status, 200);
	assert.match(res.body, /href="\/o\/de-sleutel\/signals">\d+ signal(en)?<\/a>/);
	assert.match(res.body, /href="\/o\/de-sleutel\/dashboard">Dashboard/);
	assert.match(res.body, /href="\/o\/het-baken\/signals">/);
});

test('kring signals --check: zero differences after everything above', async () => {
	const out = server.cli(['signals', '--check']);
	assert.match(out, /signals: 0 differences/);
	const pass = server.cli(['signals']);
	assert.match(pass, /organisations refreshed/);
	assert.match(server.cli(['signals', '--check']), /signals: 0 differences/);
});
