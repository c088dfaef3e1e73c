/*
 * activities.test.mjs - HTTP tests of activities (issue 9, step 6): who may
 * read and write (an ambassadeur only for her own communities), tenancy
 * (another organisation's ids, in addresses and in forms), every bad input
 * with a Dutch message beside the field and the typed text kept, version
 * conflicts, confirming a planned activity, deleting with a question first
 * and an audit entry while the counts follow, the list's filters and CSV,
 * search, and a DOOR action of werkblad 3 becoming an activity. Runs on
 * SQLite, or on PostgreSQL when KRING_TEST_PG is set.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, OTHER_ORG, USERS, TXT, csrfFrom, hiddenValue, textOf, unescapeHtml } from './helpers.mjs';
import { sql } from '../lib/database.mjs';

const server = new Server();
let sascha, jeroen, anouk, fatima, henk, marieke;
const A = `/o/${ORG}/activities`;

before(async () => {
	await server.start();
	[sascha, jeroen, anouk, fatima, henk, marieke] = Array.from({ length: 6 }, (_, i) =>
		new Client(server, { localAddress: `127.0.0.${81 + i}` }));
	await Promise.all([
		sascha.login(USERS.sascha), jeroen.login(USERS.jeroen), anouk.login(USERS.anouk),
		fatima.login(USERS.fatima), henk.login(USERS.henk), marieke.login(USERS.marieke),
	]);
});
after(() => server.kill());

/* label -> value of the checkboxes named name on a page */
function checks(html, name) {
	const out = {};
	const re = new RegExp(`name="${name}" value="(\\d+)"[^>]*><label class="kring-option__label" for="[^"]+">([^<]+)</label>`, 'g');
	for (const m of html.matchAll(re)) out[unescapeHtml(m[2])] = m[1];
	return out;
}

/* label -> value of the options of the select named name */
function options(html, name) {
	const sel = new RegExp(`<select[^>]*name="${name}"[^>]*>(.*?)</select>`, 's').exec(html);
	const out = {};
	for (const m of (sel ? sel[1] : '').matchAll(/<option value="(\d*)"[^>]*>([^<]*)<\/option>/g)) out[unescapeHtml(m[2])] = m[1];
	return out;
}

let form; // the choices of De Sleutel's new-activity form (as sascha)
async function choices() {
	if (!form) {
		const res = await sascha.get(`${A}/new`);
		assert.equal(res.status, 200);
		form = {
			communities: checks(res.body, 'community'),
			staff: checks(res.body, 'staff'),
			partners: checks(res.body, 'partner'),
			branches: options(res.body, 'branch'),
		};
	}
	return form;
}

/* A form body; an array value repeats its field (several communities ticked). */
function body(fields) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(fields))
		for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
	return p.toString();
}

async function create(client, fields) {
	const csrf = await client.csrf(`${A}/new`);
	return client.req('POST', `${A}/new`, {
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: body({ csrf, ...fields }),
	});
}

async function taalcafe() {
	return (await choices()).communities['Taalcafé voor nieuwkomers'];
}

function idOf(res) {
	const m = /\/activities\/(\d+)\?klaar=nieuw$/.exec(res.headers.location || '');
	assert.ok(m, `created: ${res.status} ${res.headers.location}\n${res.body.slice(0, 1500)}`);
	return Number(m[1]);
}

function assertRefused(res, message, typed) {
	assert.equal(res.status, 422, res.body.slice(0, 400));
	const body = unescapeHtml(res.body);
	assert.ok(body.includes(message), `message "${message}" beside the field:\n${textOf(res.body).slice(0, 1500)}`);
	if (typed !== undefined) assert.ok(body.includes(typed), `what was typed is kept: ${typed.slice(0, 60)}`);
}

test('staff record an activity; an adviser reads but may not write', async () => {
	const c = await taalcafe();
	const res = await create(sascha, { title: 'Taalwandeling door de wijk', held_on: '2026-03-14', community: c, made: 'met', participants: '17' });
	const id = idOf(res);
	const page = await sascha.get(`${A}/${id}`);
	assert.match(page.body, /Taalwandeling door de wijk/);
	assert.match(page.body, /17 deelnemers/);
	assert.match(page.body, /Sascha de Vries, op/, 'attribution by name');
	assert.equal((await anouk.get(`${A}/${id}`)).status, 200, 'an adviser reads');
	assert.equal((await anouk.get(A)).status, 200);
	assert.equal((await anouk.get(`${A}/new`)).status, 403);
	const csrf = await anouk.csrf(A);
	assert.equal((await anouk.post(`${A}/new`, { csrf, title: 'Nee', held_on: '2026-03-14', community: c, made: 'met' })).status, 403);
	assert.equal((await anouk.post(`${A}/${id}/delete`, { csrf, version: '1' })).status, 403);
	assert.doesNotMatch((await anouk.get(`${A}/${id}`)).body, /Bevestig: hoeveel/);
});

test('bad input: a Dutch message beside the field, and what was typed is kept', async () => {
	const f = await choices();
	const c = await taalcafe();
	const base = { title: 'Ouderochtend', held_on: '2026-03-14', community: c, made: 'door' };
	const before = sql(server.db, 'SELECT COUNT(*) FROM activities');
	assertRefused(await create(sascha, { ...base, participants: '-4' }), 'Vul een aantal in van 0 tot 100.000', '-4');
	assertRefused(await create(sascha, { ...base, participants: '1000000000000' }), 'Vul een aantal in van 0 tot 100.000', '1000000000000');
	assertRefused(await create(sascha, { ...base, participants: 'twintig' }), 'Vul een aantal in van 0 tot 100.000', 'twintig');
	const feb = await create(sascha, { ...base, held_on: '2026-02-31', title: 'Ouderochtend in februari' });
	assert.equal(feb.status, 422);
	assert.match(feb.body, /2026-02-31/, 'the impossible date is kept');
	assert.match(feb.body, /Ouderochtend in februari/);
	assert.match(feb.body, /utrecht-form-field--invalid[^]*?f-held_on/, 'beside the date');
	const long = 'x'.repeat(100000);
	const tl = await create(sascha, { ...base, title: long, outcome: 'Mijn verslag' });
	assert.equal(tl.status, 422);
	assert.match(tl.body, /Mijn verslag/, 'the rest is kept');
	assertRefused(await create(sascha, { ...base, starts_at: '25:00' }), 'Vul een tijd in zoals 19:30', '25:00');
	assertRefused(await create(sascha, { ...base, community: '' }), 'Kies minstens één community.', 'Ouderochtend');
	assert.equal(sql(server.db, 'SELECT COUNT(*) FROM activities'), before, 'nothing was saved');
	assert.ok(f.branches['Hoofdvestiging De Sleutel']);
});

test('another organisation\'s community, branch, partner or person in the form is refused', async () => {
	const c = await taalcafe();
	const base = { title: 'Vreemde ids', held_on: '2026-03-14', community: c, made: 'voor' };
	const other = (q) => sql(server.db, q);
	const community = other(`SELECT id FROM communities WHERE org_id = (SELECT id FROM orgs WHERE slug = '${OTHER_ORG}') LIMIT 1`)
		|| other(`SELECT MAX(id) + 1000 FROM communities`);
	const branch = other(`SELECT id FROM branches WHERE org_id = (SELECT id FROM orgs WHERE slug = '${OTHER_ORG}') LIMIT 1`);
	const person = other(`SELECT id FROM persons WHERE email = '${USERS.henk}'`);
	const before = sql(server.db, 'SELECT COUNT(*) FROM activities');
	assertRefused(await create(sascha, { ...base, community }), 'Deze community kun je hier niet kiezen.', 'Vreemde ids');
	assertRefused(await create(sascha, { ...base, community: [c, community] }), 'Deze community kun je hier niet kiezen.', 'Vreemde ids');
	const br = await create(sascha, { ...base, branch });
	assert.equal(br.status, 422);
	assert.match(br.body, /Vreemde ids/);
	assertRefused(await create(sascha, { ...base, staff: person }), 'Deze persoon is geen medewerker of beheerder van deze organisatie.', 'Vreemde ids');
	const fatimaId = sql(server.db, `SELECT id FROM persons WHERE email = '${USERS.fatima}'`);
	assertRefused(await create(sascha, { ...base, staff: fatimaId }), 'Deze persoon is geen medewerker of beheerder', 'Vreemde ids');
	// a partner of het Baken (made here by its beheerder)
	const pcsrf = await henk.csrf(`/o/${OTHER_ORG}/partners/new`);
	const pres = await henk.post(`/o/${OTHER_ORG}/partners/new`, { csrf: pcsrf, name: 'Partner van het Baken', kind: 'welzijn' });
	assert.equal(pres.status, 303, pres.body.slice(0, 300));
	const partner = /partners\/(\d+)/.exec(pres.headers.location)[1];
	assertRefused(await create(sascha, { ...base, partner }), 'Deze partner hoort niet bij deze organisatie.', 'Vreemde ids');
	assert.equal(sql(server.db, 'SELECT COUNT(*) FROM activities'), before, 'nothing was saved');
});

test('tenancy: an activity is not found from another organisation', async () => {
	const id = idOf(await create(sascha, { title: 'Alleen voor De Sleutel', held_on: '2026-03-15', community: await taalcafe(), made: 'voor' }));
	assert.equal((await henk.get(`${A}/${id}`)).status, 404);
	assert.equal((await henk.get(`/o/${OTHER_ORG}/activities/${id}`)).status, 404);
	assert.equal((await henk.get(`/o/${OTHER_ORG}/activities/${id}/edit`)).status, 404);
	const csrf = await henk.csrf(`/o/${OTHER_ORG}/activities`);
	assert.equal((await henk.post(`/o/${OTHER_ORG}/activities/${id}/delete`, { csrf, version: '1' })).status, 404);
	assert.equal((await henk.post(`/o/${OTHER_ORG}/activities/${id}/confirm`, { csrf, version: '1', participants: '3' })).status, 404);
	const list = await henk.get(`/o/${OTHER_ORG}/activities`);
	assert.doesNotMatch(list.body, /Alleen voor De Sleutel/);
	const csv = await henk.get(`/o/${OTHER_ORG}/activities.csv`);
	assert.doesNotMatch(csv.body, /Alleen voor De Sleutel/);
	assert.equal((await sascha.get(`${A}/${id}`)).status, 200);
});

test('an ambassadeur writes for her own communities only; another community\'s activity is 404', async () => {
	const f = await choices();
	const mine = f.communities['Taalcafé voor nieuwkomers'];
	const other = f.communities['Repair Café en dorpsnetwerk Heikant'];
	const newForm = await fatima.get(`${A}/new`);
	assert.deepEqual(Object.keys(checks(newForm.body, 'community')), ['Taalcafé voor nieuwkomers'], 'only hers to choose');
	const id = idOf(await create(fatima, { title: 'Verhalenavond', held_on: '2026-04-01', community: mine, made: 'door', participants: '30' }));
	assert.match((await sascha.get(`${A}/${id}`)).body, /Fatima El Amrani, op/, 'attributed to her by name');
	assertRefused(await create(fatima, { title: 'Niet de mijne', held_on: '2026-04-01', community: other, made: 'door' }), 'Deze community kun je hier niet kiezen.', 'Niet de mijne');
	assertRefused(await create(fatima, { title: 'Niet de mijne', held_on: '2026-04-01', community: [mine, other], made: 'door' }), 'Deze community kun je hier niet kiezen.', 'Niet de mijne');
	const theirs = idOf(await create(sascha, { title: 'Repair Café extra', held_on: '2026-04-02', community: other, made: 'door' }));
	assert.equal((await fatima.get(`${A}/${theirs}`)).status, 404);
	assert.equal((await fatima.get(`${A}/${theirs}/edit`)).status, 404);
	const csrf = await fatima.csrf(A);
	assert.equal((await fatima.post(`${A}/${theirs}/delete`, { csrf, version: '1' })).status, 404);
	const list = await fatima.get(`${A}?community=${other}`);
	assert.doesNotMatch(list.body, /Repair Café extra/);
	assert.doesNotMatch((await fatima.get(`/o/${ORG}/activities.csv`)).body, /Repair Café extra/);
});

test('two people edit at once: the second gets the conflict, and nothing typed is lost', async () => {
	const c = await taalcafe();
	const id = idOf(await create(sascha, { title: 'Leesclub', held_on: '2026-05-01', community: c, made: 'met' }));
	const url = `${A}/${id}/edit`;
	const a = await sascha.get(url);
	const b = await jeroen.get(url);
	const fields = { held_on: '2026-05-01', community: c, made: 'met', status: 'held' };
	const first = await sascha.post(url, { ...fields, csrf: csrfFrom(a.body), version: hiddenValue(a.body, 'version'), title: 'Leesclub van Sascha' });
	assert.equal(first.status, 303);
	const second = await jeroen.post(url, { ...fields, csrf: csrfFrom(b.body), version: hiddenValue(b.body, 'version'), title: 'Leesclub van Jeroen' });
	assert.equal(second.status, 409);
	assert.ok(unescapeHtml(second.body).includes(TXT.conflict));
	assert.match(second.body, /value="Leesclub van Jeroen"/, 'his text is still in the form');
	assert.match(second.body, /Leesclub van Sascha/, 'and hers is shown beside it');
	assert.equal(hiddenValue(second.body, 'version'), '2', 'saving again starts from the new version');
});

test('a planned activity is confirmed afterwards with the real count', async () => {
	const c = await taalcafe();
	const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
	const id = idOf(await create(sascha, { title: 'Spelletjesmiddag', held_on: today, community: c, made: 'door' }));
	const page = await sascha.get(`${A}/${id}`);
	assert.match(page.body, /Bevestig: hoeveel kwamen er\?/);
	const csrf = csrfFrom(page.body);
	for (const bad of ['-1', '1000000000000', 'veel', ''])
		assert.equal((await sascha.post(`${A}/${id}/confirm`, { csrf, version: '1', participants: bad })).status, 422, bad);
	const ok = await sascha.post(`${A}/${id}/confirm`, { csrf, version: '1', participants: '12' });
	assert.equal(ok.status, 303);
	assert.match((await sascha.get(`${A}/${id}`)).body, /12 deelnemers/);
	const again = await sascha.post(`${A}/${id}/confirm`, { csrf, version: '1', participants: '13' });
	assert.equal(again.status, 409, 'an old version conflicts');
});

test('delete asks first, names the version, keeps an audit entry, and the counts follow', async () => {
	const c = await taalcafe();
	const month = '2026-06';
	const held = () => Number(sql(server.db, `SELECT COALESCE(SUM(activities), 0) FROM community_activity_months WHERE community_id = ${c} AND month = '${month}'`));
	const before = held();
	const id = idOf(await create(sascha, { title: 'Zomerfeest', held_on: `${month}-20`, community: c, made: 'door', participants: '80' }));
	assert.equal(held(), before + 1);
	const ask = await sascha.get(`${A}/${id}/delete`);
	assert.equal(ask.status, 200);
	assert.match(unescapeHtml(ask.body), /Wil je ‘Zomerfeest’ van 20 juni 2026 verwijderen\?/);
	const csrf = csrfFrom(ask.body);
	const stale = await sascha.post(`${A}/${id}/delete`, { csrf, version: '7' });
	assert.equal(stale.status, 409);
	assert.equal(held(), before + 1, 'nothing deleted');
	const gone = await sascha.post(`${A}/${id}/delete`, { csrf, version: '1' });
	assert.equal(gone.status, 303);
	assert.equal((await sascha.get(`${A}/${id}`)).status, 404);
	assert.equal(held(), before, 'the count went down');
	const audit = await marieke.get(`/o/${ORG}/audit`);
	assert.match(audit.body, /Activiteit verwijderd/);
	assert.match(audit.body, /Zomerfeest/);
});

test('the list filters, sorts and pages; the CSV has the same filter and opens in Dutch Excel', async () => {
	const f = await choices();
	const repair = f.communities['Repair Café en dorpsnetwerk Heikant'];
	const list = await sascha.get(`${A}?community=${repair}&soort=door&sorteer=deelnemers`);
	assert.equal(list.status, 200);
	const rows = [...list.body.matchAll(/<tr class="utrecht-table__row"><td/g)].length;
	assert.ok(rows > 0);
	assert.doesNotMatch(list.body, /<tbody[^]*kring-badge--made-voor/, 'only door');
	for (const q of ['community=01', 'branch=abc', 'soort=samen', 'van=2026-02-31', 'pagina=2x', 'sorteer=raar'])
		assert.equal((await sascha.get(`${A}?${q}`)).status, 200, q);
	const csv = await sascha.get(`/o/${ORG}/activities.csv?community=${repair}&soort=door`);
	assert.equal(csv.status, 200);
	assert.match(csv.headers['content-type'], /text\/csv/);
	assert.ok(csv.body.startsWith('\ufeffDatum;Begintijd;Eindtijd;Activiteit;Community;Hoe is het gemaakt?;Stand;Aantal deelnemers;Waar;'));
	const lines = csv.body.trim().split('\r\n').slice(1);
	assert.ok(lines.length > 0);
	for (const l of lines) assert.match(l, /;Door;/);
	// a title that a spreadsheet would run is written as text
	idOf(await create(sascha, { title: '=HYPERLINK("x")', held_on: '2026-07-01', community: repair, made: 'door' }));
	const csv2 = await sascha.get(`/o/${ORG}/activities.csv?community=${repair}`);
	assert.match(csv2.body, /;"'=HYPERLINK\(""x""\)";|;'=HYPERLINK/);
});

test('search finds activities; a DOOR action marked gedaan becomes an activity in one step', async () => {
	const c = await taalcafe();
	idOf(await create(sascha, { title: 'Fietsles voor moeders', held_on: '2026-03-20', community: c, made: 'met' }));
	const found = await sascha.get(`/o/${ORG}/search?q=fietsles`);
	assert.match(found.body, /Fietsles voor moeders/);
	// a DOOR action, marked gedaan, on the community's page
	const page = await sascha.get(`/o/${ORG}/communities/${c}`);
	const item = sql(server.db, `SELECT id FROM community_items WHERE community_id = ${c} AND kind = 'door' ORDER BY id LIMIT 1`);
	sql(server.db, `UPDATE community_items SET status = 'gedaan' WHERE id = ${item}`);
	const again = await sascha.get(`/o/${ORG}/communities/${c}`);
	assert.ok(page.status === 200 && again.status === 200);
	const link = new RegExp(`href="/o/${ORG}/activities/new\\?community=${c}&amp;item=${item}"[^>]*>Maak er een activiteit van<`);
	assert.match(again.body, link);
	const filled = await sascha.get(`${A}/new?community=${c}&item=${item}`);
	assert.match(filled.body, /value="door" checked/);
	assert.match(filled.body, /name="item" value="\d+"/);
	const text = sql(server.db, `SELECT text FROM community_items WHERE id = ${item}`);
	assert.ok(unescapeHtml(filled.body).includes(text.slice(0, 40)));
	const id = idOf(await create(sascha, { title: text.slice(0, 200), held_on: '2026-03-21', community: c, made: 'door', item }));
	assert.equal(sql(server.db, `SELECT source_item_id FROM activities WHERE id = ${id}`), String(item));
	// an item of another community is refused
	const otherItem = sql(server.db, `SELECT id FROM community_items WHERE community_id <> ${c} AND kind = 'door' LIMIT 1`);
	const bad = await create(sascha, { title: 'Verkeerde actie', held_on: '2026-03-21', community: c, made: 'door', item: otherItem });
	assert.equal(bad.status, 422);
});

test('an action point can be owned by an ambassadeur of the community or by a partner; a foreign partner is refused', async () => {
	const c = await taalcafe();
	const conv = sql(server.db, `SELECT id FROM conversations WHERE community_id = ${c} ORDER BY id LIMIT 1`);
	assert.ok(conv, 'the demo has a conversation with the Taalcafé');
	const url = `/o/${ORG}/conversations/${conv}`;
	const page = await sascha.get(url);
	assert.equal(page.status, 200);
	const owners = options(page.body.replace(/name="owner"/, 'name="owner-new"'), 'owner-new');
	const fatimaId = sql(server.db, `SELECT id FROM persons WHERE email = '${USERS.fatima}'`);
	assert.ok(page.body.includes(`<option value="${fatimaId}">Fatima El Amrani (ambassadeur)</option>`), 'the ambassadeur of the community');
	const vw = sql(server.db, `SELECT id FROM partners WHERE name = 'VluchtelingenWerk Zandhoven'`);
	assert.ok(page.body.includes(`<option value="p${vw}">VluchtelingenWerk Zandhoven (partner)</option>`), 'a partner');
	assert.ok(Object.keys(owners).length > 0);
	const csrf = csrfFrom(page.body);
	const foreign = sql(server.db, `SELECT p.id FROM partners p JOIN orgs o ON o.id = p.org_id WHERE o.slug = '${OTHER_ORG}' LIMIT 1`);
	assert.ok(foreign, 'a partner of het Baken (made in an earlier test)');
	const before = sql(server.db, 'SELECT COUNT(*) FROM action_points');
	const bad = await sascha.post(`${url}/actions`, { csrf, text: 'Zaal regelen', owner: `p${foreign}`, due: '' });
	assert.equal(bad.status, 422);
	assert.match(bad.body, /Zaal regelen/, 'the text is kept');
	assert.equal(sql(server.db, 'SELECT COUNT(*) FROM action_points'), before);
	const ok = await sascha.post(`${url}/actions`, { csrf, text: 'De wijkvereniging regelt de zaal', owner: `p${vw}`, due: '' });
	assert.equal(ok.status, 303, ok.body.slice(0, 500));
	const amb = await sascha.post(`${url}/actions`, { csrf, text: 'Buren uitnodigen', owner: String(fatimaId), due: '' });
	assert.equal(amb.status, 303);
	const after = await sascha.get(url);
	assert.match(after.body, /De wijkvereniging regelt de zaal/);
	assert.equal(sql(server.db, `SELECT owner_partner_id FROM action_points WHERE text = 'De wijkvereniging regelt de zaal'`), String(vw));
	assert.doesNotMatch(after.body, /Fatima El Amrani \(heeft geen rol meer\)/, 'an ambassadeur of the community is a rightful owner');
});

test('user text is escaped in the list, the page, the community section and the CSV', async () => {
	const c = await taalcafe();
	const evil = '<script>alert("x")</script> & <b>vet</b>';
	const id = idOf(await create(sascha, { title: evil, held_on: '2026-03-30', community: c, made: 'met', outcome: evil, place: evil }));
	for (const url of [`${A}/${id}`, `${A}?van=2026-03-30&tot=2026-03-30`, `/o/${ORG}/communities/${c}`]) {
		const res = await sascha.get(url);
		assert.equal(res.status, 200, url);
		assert.doesNotMatch(res.body, /<script>alert/, `${url}: escaped`);
		assert.doesNotMatch(res.body, /<b>vet<\/b>/, `${url}: escaped`);
	}
	assert.match((await sascha.get(`${A}/${id}`)).body, /&lt;script&gt;alert/);
});

test('kring signals --check finds the monthly summaries right after all of the above, and a tampered one wrong', () => {
	const out = server.cli(['signals', '--check']);
	assert.match(out, /activity summaries: 0 differences/);
	assert.match(out, /signals: 0 differences/);
	// as after a bad restore: one summary row off by one is found
	sql(server.db, `UPDATE activity_months SET activities = activities + 1 WHERE month = (SELECT MAX(month) FROM activity_months)`);
	let failed = null;
	try {
		server.cli(['signals', '--check']);
	} catch (e) {
		failed = e;
	}
	assert.ok(failed, 'exit status 1');
	assert.match(failed.stdout, /activity summaries: [1-9]\d* differences/);
});
