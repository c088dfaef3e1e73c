/*
 * instruments.test.mjs - HTTP tests of the zelftest, the pulse and energy
 * (issues 12 and 13). The zelftest is private: every other account is
 * refused (a beheerder 404, other roles 403 by the route table) before it
 * is shared and after the share is revoked, and /me/ only ever shows the
 * requester's own. The pulse is answered by link without an account (CSRF
 * bound to the anonymous cookie), one browser is told when it answers a
 * round twice, below five answers no figure per ingredient and no open
 * answer reaches any page, export or search, and closed or guessed links
 * get a Dutch page. Energy marks 1-5 on conversations and activities, bad
 * values beside the field. Tenancy: another organisation's or another
 * community's ids are 404. Runs on SQLite, or on PostgreSQL with
 * KRING_TEST_PG.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, USERS, csrfFrom, textOf, routeTable } from './helpers.mjs';

const server = new Server();
const c = {};
const O = `/o/${ORG}`;
const TAAL = 1; // the demo's Taalcafé, where fatima is ambassadeur
let sasId, jeroenId, henkId, other; // other: a community of De Sleutel without fatima

before(async () => {
	// a clock of its own: the energy marks below are the only ones in its last month
	await server.start({ env: { KRING_NOW: '2031-01-15' } });
	const names = ['marieke', 'sascha', 'jeroen', 'anouk', 'fatima', 'henk'];
	await Promise.all(
		names.map(async (n, i) => {
			c[n] = new Client(server, { localAddress: `127.0.0.${121 + i}` });
			await c[n].login(USERS[n]);
		}),
	);
	const people = await c.marieke.get(`${O}/people`);
	const idOf = (name) => Number(new RegExp(`/people/(\\d+)">Wijzigen<span class="kring-sr"> ${name}<`).exec(people.body)?.[1]);
	sasId = idOf('Sascha de Vries');
	jeroenId = idOf('Jeroen Bakker');
	assert.ok(sasId && jeroenId, 'people found');
	const hp = await c.henk.get('/o/het-baken/people');
	henkId = Number(/\/people\/(\d+)">Wijzigen<span class="kring-sr"> Henk Smit</.exec(hp.body)?.[1]);
	assert.ok(henkId);
	const list = await c.sascha.get(`${O}/communities`);
	other = [...list.body.matchAll(/\/communities\/(\d+)"/g)].map((m) => Number(m[1])).find((id) => id !== TAAL);
	assert.ok(other, 'a second community');
});
after(() => server.stop());

const zt = `${O}/me/zelftest`;
const ztOf = (id) => `${O}/people/${id}/zelftest`;
const ITEMS = ['open', 'inchecken', 'gelijkwaardig', 'doorvragen', 'sociaal', 'bouwer', 'verbinder', 'aanjager'];

/* Every other account: nobody reads Sascha's zelftest. */
async function nobodyElseReads(label) {
	for (const who of ['marieke', 'henk'])
		assert.equal((await c[who].get(ztOf(sasId))).status, 404, `${label}: ${who} (beheerder) gets 404`);
	assert.equal((await c.henk.get(`/o/het-baken/people/${sasId}/zelftest`)).status, 404, `${label}: henk in his own org`);
	for (const who of ['jeroen', 'anouk', 'fatima'])
		assert.equal((await c[who].get(ztOf(sasId))).status, 403, `${label}: ${who} is refused by the route table`);
	// /me/ is always the requester's own: Marieke's and Jeroen's pages show none of Sascha's moments
	for (const who of ['marieke', 'jeroen']) {
		const own = await c[who].get(zt);
		assert.equal(own.status, 200);
		assert.match(own.body, /Je hebt de zelftest nog niet ingevuld/, `${label}: ${who} sees only their own (none)`);
	}
	for (const who of ['anouk', 'fatima'])
		assert.equal((await c[who].get(zt)).status, 403, `${label}: no zelftest for ${who}'s role`);
}

test('the zelftest is private until shared with one beheerder, and again after revoking', async () => {
	// the demo shares Sascha's with Marieke: she reads both moments
	const shared = await c.marieke.get(ztOf(sasId));
	assert.equal(shared.status, 200);
	assert.match(textOf(shared.body), /Zelftest van Sascha de Vries/);
	assert.equal((shared.body.match(/<th class="utrecht-table__header-cell" scope="col">\d{1,2} [a-z]+ \d{4}<\/th>/g) || []).length, 2, 'two moments, dated in Dutch');
	assert.doesNotMatch(shared.body, /name="i_open"/, 'she reads, she does not fill in');
	// revoked: nobody
	let page = await c.sascha.get(zt);
	assert.match(textOf(page.body), /Gedeeld met Marieke Jansen/);
	let res = await c.sascha.post(`${zt}/unshare`, { csrf: csrfFrom(page.body) });
	assert.equal(res.status, 303);
	assert.match(textOf((await c.sascha.get(zt)).body), /Niet gedeeld/);
	await nobodyElseReads('after revoking');
	// only a beheerder of this organisation, never oneself: refused beside the field, nothing shared
	page = await c.sascha.get(zt);
	for (const manager of [String(jeroenId), String(henkId), String(sasId), '', '07', '1x', '-1']) {
		res = await c.sascha.post(`${zt}/share`, { csrf: csrfFrom(page.body), manager });
		assert.equal(res.status, 422, `manager "${manager}"`);
		assert.match(textOf(res.body), /Kies een beheerder van deze bibliotheek/);
	}
	await nobodyElseReads('after refused shares');
	// shared again with Marieke: only she reads it
	const mariekeId = Number(/<option value="(\d+)">Marieke Jansen/.exec(page.body)?.[1]);
	assert.ok(mariekeId, 'Marieke is offered');
	assert.doesNotMatch(page.body, new RegExp(`<option value="${jeroenId}"`), 'a medewerker is not offered');
	res = await c.sascha.post(`${zt}/share`, { csrf: csrfFrom(page.body), manager: String(mariekeId) });
	assert.equal(res.status, 303);
	assert.equal((await c.marieke.get(ztOf(sasId))).status, 200);
	assert.equal((await c.henk.get(ztOf(sasId))).status, 404);
	assert.equal((await c.jeroen.get(ztOf(sasId))).status, 403);
	// the audit log says it was shared, never a score
	const audit = await c.marieke.get(`${O}/audit`);
	assert.match(textOf(audit.body), /Zelftest gedeeld met een beheerder/);
});

test('taking the zelftest: every statement needs a point on the scale, bad values are refused beside it', async () => {
	const page = await c.jeroen.get(zt);
	const csrf = csrfFrom(page.body);
	const good = Object.fromEntries(ITEMS.map((id) => [`i_${id}`, '3']));
	for (const bad of ['6', '0', 'x', '', '3.0', '03 ']) {
		const res = await c.jeroen.post(zt, { ...good, i_doorvragen: bad, csrf });
		assert.equal(res.status, 422, `value "${bad}"`);
		assert.match(res.body, /id="i_doorvragen"><legend[^>]*>[^<]*<\/legend><p class="utrecht-form-field-error-message">/, 'the message beside it');
		assert.match(res.body, /name="i_verbinder" value="3" checked/, 'the other choices are kept');
	}
	assert.match((await c.jeroen.get(zt)).body, /nog niet ingevuld/, 'nothing was stored');
	const ok = await c.jeroen.post(zt, { ...good, i_open: '5', csrf });
	assert.equal(ok.status, 303);
	const after = await c.jeroen.get(zt);
	assert.match(textOf(after.body), /Jouw zelftest over tijd/);
	assert.match(after.body, /<svg[^>]*role="img"/, 'a chart');
	assert.match(after.body, /<th class="utrecht-table__header-cell" scope="row">Open houding<\/th><td class="utrecht-table__cell">5<\/td>/);
	// Sascha's own page does not show Jeroen's moment
	assert.doesNotMatch((await c.sascha.get(zt)).body, /scope="row">Open houding<\/th><td class="utrecht-table__cell">5<\/td><\/tr>/);
	// never shared: no beheerder reads Jeroen's either
	const jid = jeroenId;
	assert.equal((await c.marieke.get(ztOf(jid))).status, 404);
	assert.equal((await c.henk.get(ztOf(jid))).status, 404);
	assert.equal((await c.sascha.get(ztOf(jid))).status, 403);
});

test('every address under /me/ shows the requester\'s own: no one else\'s moments', async () => {
	// the dates of Sascha's moments, as her own page shows them
	const own = await c.sascha.get(zt);
	const dates = [...own.body.matchAll(/<th class="utrecht-table__header-cell" scope="col">(\d{1,2} [a-z]+ \d{4})<\/th>/g)].map((m) => m[1]);
	assert.ok(dates.length >= 2, 'Sascha has moments');
	const me = routeTable().filter((r) => r.method === 'GET' && r.pattern.startsWith('/o/:org/me/'));
	assert.ok(me.some((r) => r.pattern === '/o/:org/me/zelftest'), 'the zelftest is under /me/');
	for (const r of me)
		for (const who of ['marieke', 'jeroen', 'anouk', 'fatima']) {
			const res = await c[who].get(r.pattern.replace(':org', ORG));
			assert.ok([200, 403].includes(res.status), `${r.pattern} as ${who}: ${res.status}`);
			for (const d of dates)
				assert.ok(!res.body.includes(d), `${r.pattern} as ${who} shows nothing of Sascha's (${d})`);
		}
});

/* Opens a round for community id as Sascha; returns its link path. */
async function openRound(id) {
	const page = await c.sascha.get(`${O}/communities/${id}/pulse`);
	assert.equal(page.status, 200);
	const res = await c.sascha.post(`${O}/communities/${id}/pulse`, { csrf: csrfFrom(page.body) });
	assert.equal(res.status, 303);
	const after = await c.sascha.get(res.headers.location);
	const m = /value="[^"]*(\/s\/[A-Za-z0-9_-]{43})"/.exec(after.body);
	assert.ok(m, 'the link is shown');
	return m[1];
}

/* A fresh anonymous browser answers the round at link. */
async function answer(link, fields, i) {
	const anon = new Client(server, { localAddress: `127.0.1.${10 + i}` });
	const form = await anon.get(link);
	assert.equal(form.status, 200, form.body.slice(0, 500));
	const nonce = /name="nonce" value="([^"]+)"/.exec(form.body)[1];
	const res = await anon.post(link, { csrf: csrfFrom(form.body), nonce, ...fields });
	return { anon, res, nonce, csrf: csrfFrom(form.body) };
}

const ALL4 = { s_be1: '4', s_be2: '4', s_ve1: '4', s_ve2: '4', s_ha1: '4', s_ha2: '4', s_ku1: '4', s_ku2: '4' };

/* Everything a staff member can read about community id, as one text. */
async function everywhere(id) {
	const urls = [`${O}/communities/${id}/pulse`, `${O}/communities/${id}`, `${O}/search?q=GEHEIM`,
		`${O}/communities.csv`, `${O}/activities.csv`, `${O}/report`, `${O}/dashboard`, `${O}/`];
	let all = '';
	for (const u of urls) {
		const res = await c.marieke.get(u);
		assert.equal(res.status, 200, u);
		all += res.body;
	}
	return all;
}

test('the pulse: anonymous by link, no figure and no open answer below five answers, all of it from five', async () => {
	const link = await openRound(other);
	for (let i = 0; i < 4; i++) {
		const { res } = await answer(link, { ...ALL4, s_be1: String(1 + i), open: `GEHEIM-${i} <b>vet</b>` }, i);
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /\/s\/[A-Za-z0-9_-]{43}\?klaar=bedankt$/);
	}
	// four answers: the count and nothing else, on every page a staff member reads
	let page = await c.marieke.get(`${O}/communities/${other}/pulse`);
	assert.match(textOf(page.body), /4 antwoorden tot nu toe/);
	assert.match(textOf(page.body), /Minder dan 5 antwoorden: geen uitkomsten/);
	assert.doesNotMatch(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="pulse/, 'no chart');
	assert.doesNotMatch(page.body, /<td class="utrecht-table__cell">\d,\d<\/td>/, 'no mean');
	let all = await everywhere(other);
	assert.doesNotMatch(all, /GEHEIM-/, 'no open answer anywhere');
	// the fifth: figures per ingredient and the open answers, escaped
	await answer(link, { ...ALL4, open: 'GEHEIM-4' }, 4);
	page = await c.marieke.get(`${O}/communities/${other}/pulse`);
	assert.doesNotMatch(textOf(page.body), /Minder dan 5 antwoorden/);
	const row = /<tr class="utrecht-table__row"><th[^>]*>[^<]*\(open\)<\/th><td class="utrecht-table__cell">5<\/td>(.*?)<\/tr>/.exec(page.body);
	assert.ok(row, 'the round with five answers');
	// bezieling: be1 = 1,2,3,4,4 and be2 = 4 x5: (14 + 20) / 10 = 3,4; the others 4,0
	assert.deepEqual([...row[1].matchAll(/>(\d,\d)</g)].map((m) => m[1]), ['3,4', '4,0', '4,0', '4,0']);
	assert.match(page.body, /GEHEIM-0 &lt;b&gt;vet&lt;\/b&gt;/, 'escaped');
	assert.doesNotMatch(page.body, /GEHEIM-0 <b>/);
	// still not in search or exports: the answers live on the pulse page only
	all = (await c.marieke.get(`${O}/search?q=GEHEIM`)).body + (await c.marieke.get(`${O}/communities.csv`)).body;
	assert.doesNotMatch(all, /GEHEIM-/);
	// the ambassadeur of the Taalcafé reads the Taalcafé's pulse, not another community's
	assert.equal((await c.fatima.get(`${O}/communities/${TAAL}/pulse`)).status, 200);
	assert.equal((await c.fatima.get(`${O}/communities/${other}/pulse`)).status, 404);
});

test('one browser cannot answer a round twice without being told; CSRF, closed and guessed links', async () => {
	const link = await openRound(other); // the round of the test before is still open: a second one
	const first = await answer(link, ALL4, 20);
	assert.equal(first.res.status, 303);
	// the same browser: told on the page, and a second post is refused
	const again = await first.anon.get(link);
	assert.equal(again.status, 200);
	assert.match(textOf(again.body), /Je hebt deze vragenlijst al ingevuld/);
	assert.doesNotMatch(again.body, /name="s_be1"/);
	const twice = await first.anon.post(link, { csrf: first.csrf, nonce: first.nonce, ...ALL4 });
	assert.equal(twice.status, 409);
	assert.match(textOf(twice.body), /al ingevuld/);
	// the same form sent again from a browser without the cookie: counted once
	const other2 = new Client(server, { localAddress: '127.0.1.40' });
	const f = await other2.get(link);
	const replay = await other2.post(link, { csrf: csrfFrom(f.body), nonce: first.nonce, ...ALL4 });
	assert.equal(replay.status, 409);
	// CSRF: no token, or another browser's token: refused, nothing stored
	const bare = new Client(server, { localAddress: '127.0.1.41' });
	await bare.get(link);
	assert.equal((await bare.post(link, { nonce: 'N'.repeat(43), ...ALL4 })).status, 403);
	assert.equal((await bare.post(link, { csrf: first.csrf, nonce: 'M'.repeat(43), ...ALL4 })).status, 403);
	// nothing answered, off the scale, too long: Dutch messages, nothing stored
	for (const [fields, words] of [[{}, /minstens één uitspraak/], [{ ...ALL4, s_ha1: '9' }, /buiten de schaal/],
		[{ ...ALL4, open: 'x'.repeat(2001) }, /hooguit 2000 tekens/]]) {
		const { res } = await answer(link, fields, 50 + Object.keys(fields).length);
		assert.equal(res.status, 422);
		assert.match(textOf(res.body), words);
	}
	const count = async () => Number(/(\d+) antwoord(?:en)? tot nu toe/.exec(textOf((await c.sascha.get(`${O}/communities/${other}/pulse`)).body))[1]);
	assert.equal(await count(), 1, 'only the first answer counts');
	// closed: the link says so, and takes nothing
	const page = await c.sascha.get(`${O}/communities/${other}/pulse`);
	const close = /action="(\/o\/de-sleutel\/communities\/\d+\/pulse\/\d+\/close)"/.exec(page.body)[1];
	assert.equal((await c.sascha.post(close, { csrf: csrfFrom(page.body) })).status, 303);
	const closed = await new Client(server, { localAddress: '127.0.1.42' }).get(link);
	assert.equal(closed.status, 410);
	assert.match(textOf(closed.body), /Deze vragenlijst is gesloten/);
	const late = new Client(server, { localAddress: '127.0.1.43' });
	const lateRes = await late.post(link, { csrf: await late.csrf(), nonce: 'L'.repeat(43), ...ALL4 });
	assert.equal(lateRes.status, 410, 'a closed round takes no answer');
	// closing twice, or a round of another community, or another organisation: 404
	assert.equal((await c.sascha.post(close, { csrf: csrfFrom(page.body) })).status, 404);
	const round = /pulse\/(\d+)\/close/.exec(close)[1];
	assert.equal((await c.sascha.post(`${O}/communities/${TAAL}/pulse/${round}/close`, { csrf: csrfFrom(page.body) })).status, 404);
	// guessed or malformed links: the Dutch 404
	for (const bad of ['/s/' + 'A'.repeat(43), '/s/kort', '/s/' + 'A'.repeat(44)]) {
		const res = await new Client(server).get(bad);
		assert.equal(res.status, 404, bad);
		assert.match(textOf(res.body), /niet gevonden/i);
	}
});

test('tenancy and roles: another organisation 404, an ambassadeur reads but does not open rounds', async () => {
	const henkPage = await c.henk.get('/o/het-baken/');
	const csrf = csrfFrom(henkPage.body);
	// henk: de-sleutel's community by de-sleutel's address and by his own
	assert.equal((await c.henk.get(`${O}/communities/${TAAL}/pulse`)).status, 404);
	assert.equal((await c.henk.get(`/o/het-baken/communities/${TAAL}/pulse`)).status, 404);
	assert.equal((await c.henk.post(`/o/het-baken/communities/${TAAL}/pulse`, { csrf })).status, 404);
	assert.equal((await c.henk.post(`/o/het-baken/communities/${TAAL}/pulse/1/close`, { csrf })).status, 404);
	const fpage = await c.fatima.get(`${O}/communities/${TAAL}/pulse`);
	assert.doesNotMatch(fpage.body, /action="[^"]*pulse\/\d+\/close"/, 'no close button for an ambassadeur');
	assert.equal((await c.fatima.post(`${O}/communities/${TAAL}/pulse`, { csrf: csrfFrom(fpage.body) })).status, 403);
	assert.equal((await c.anouk.get(`${O}/communities/${TAAL}/pulse`)).status, 403);
	// the community page links the pulse for staff and ambassadeur, not for the adviser
	assert.match((await c.fatima.get(`${O}/communities/${TAAL}`)).body, /\/communities\/1\/pulse"/);
	assert.doesNotMatch((await c.anouk.get(`${O}/communities/${TAAL}`)).body, /\/pulse"/);
});

test('energy: an optional mark 1-5 on a conversation and an activity, bad values beside the field, the trend on the community page', async () => {
	let page = await c.sascha.get(`${O}/conversations/new?community=${other}`);
	assert.match(page.body, /name="energy" value="5"/);
	const talk = { csrf: csrfFrom(page.body), held_on: '2030-12-02', kind: 'groepsgesprek', community: String(other), subject: 'Energie gemeten', report_sent: 'nee' };
	for (const bad of ['6', '0', 'x', '45']) {
		const res = await c.sascha.post(`${O}/conversations/new`, { ...talk, energy: bad });
		assert.equal(res.status, 422, `energy "${bad}"`);
		assert.match(res.body, /id="f-energy-error"|energy-error/, 'the message beside the field');
		assert.match(res.body, /value="Energie gemeten"/, 'what was typed is kept');
	}
	let res = await c.sascha.post(`${O}/conversations/new`, { ...talk, energy: '5' });
	assert.equal(res.status, 303);
	const edit = await c.sascha.get(res.headers.location.replace(/\?.*$/, '') + '/edit');
	assert.match(edit.body, /name="energy" value="5" checked/);
	// an activity too
	page = await c.sascha.get(`${O}/activities/new`);
	res = await c.sascha.post(`${O}/activities/new`, { csrf: csrfFrom(page.body), title: 'Energieke avond', held_on: '2030-12-03', community: String(other), made: 'met', participants: '12', energy: '9' });
	assert.equal(res.status, 422);
	res = await c.sascha.post(`${O}/activities/new`, { csrf: csrfFrom(page.body), title: 'Energieke avond', held_on: '2030-12-03', community: String(other), made: 'met', participants: '12', energy: '3' });
	assert.equal(res.status, 303, res.body.slice(0, 400));
	// the trend: December 2030 averages 5 and 3
	const profile = await c.sascha.get(`${O}/communities/${other}`);
	assert.match(textOf(profile.body), /Waar de energie zit/);
	assert.match(profile.body, /scope="row">2030-12<\/th><td class="utrecht-table__cell">4,0<\/td><td class="utrecht-table__cell">2<\/td>/);
	assert.match(profile.body, /<svg class="kring-sparkline"[^>]*role="img"/);
});
