/*
 * ids.test.mjs - ids and versions typed into forms and addresses are read
 * strictly (a positive decimal, nothing around it), never "as far as the
 * digits go": "1abc" is no version 1, "07" no id 7, "2x" no page 2. And
 * the beheerder finds the hand-over of action points from the person page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, USERS, csrfFrom } from './helpers.mjs';

const server = new Server();
let sascha;

before(async () => {
	await server.start();
	sascha = new Client(server);
	await sascha.login(USERS.sascha);
});
after(() => server.kill());

async function newCommunity(name) {
	const csrf = await sascha.csrf(`/o/${ORG}/communities/new`);
	const res = await sascha.post(`/o/${ORG}/communities/new`, { csrf, name });
	assert.equal(res.status, 303, res.body.slice(0, 300));
	const m = /\/communities\/(\d+)\?klaar=nieuw$/.exec(res.headers.location);
	assert.ok(m, res.headers.location);
	return Number(m[1]);
}

test('a version is read strictly: "1abc" and "01" are not version 1, "1" is', async () => {
	const id = await newCommunity('Strikt gelezen');
	const url = `/o/${ORG}/communities/${id}/edit`;
	const form = await sascha.get(url);
	assert.equal(form.status, 200);
	assert.match(form.body, /name="version" value="1"/, 'a new community is at version 1');
	const csrf = csrfFrom(form.body);
	for (const version of ['1abc', '01', ' 1', '1.0', '+1']) {
		const res = await sascha.post(url, { csrf, name: `Niet opgeslagen ${version}`, version });
		assert.ok([409, 422].includes(res.status),
			`version "${version}" is no version: a conflict or a refused form, nothing saved (${res.status})`);
	}
	const page = await sascha.get(`/o/${ORG}/communities/${id}`);
	assert.match(page.body, /Strikt gelezen/);
	assert.doesNotMatch(page.body, /Niet opgeslagen/, 'none of them was saved');
	const ok = await sascha.post(url, { csrf, name: 'Strikt opgeslagen', version: '1' });
	assert.equal(ok.status, 303, 'the real version saves');
	assert.match((await sascha.get(`/o/${ORG}/communities/${id}`)).body, /Strikt opgeslagen/);
});

test('a page number or filter id that is not a plain number is ignored, never half read', async () => {
	const first = await sascha.get(`/o/${ORG}/partners`);
	assert.equal(first.status, 200);
	for (const q of ['pagina=2x', 'pagina=0', 'pagina=-1', 'pagina=1e3', 'community=07', 'community=1x']) {
		const res = await sascha.get(`/o/${ORG}/partners?${q}`);
		assert.equal(res.status, 200, q);
		assert.doesNotMatch(res.body, /Vorige pagina/, `${q}: still the first page`);
		assert.doesNotMatch(res.body, /<option value="\d+" selected>/, `${q}: no community filter chosen`);
	}
	const conv = await sascha.get(`/o/${ORG}/conversations?partner=01&pagina=3z`);
	assert.equal(conv.status, 200);
	assert.doesNotMatch(conv.body, /<option value="\d+" selected>/, 'no partner filter from "01"');
});

test('the person page points the beheerder to handing over open action points', async () => {
	const marieke = new Client(server);
	await marieke.login(USERS.marieke);
	const people = await marieke.get(`/o/${ORG}/people`);
	assert.equal(people.status, 200);
	const id = Number(new RegExp(`/o/${ORG}/people/(\\d+)`).exec(people.body)[1]);
	const page = await marieke.get(`/o/${ORG}/people/${id}`);
	assert.equal(page.status, 200);
	assert.match(page.body, new RegExp(`href="/o/${ORG}/actions/owners">Actiepunten overdragen</a>`));
	assert.equal((await marieke.get(`/o/${ORG}/actions/owners`)).status, 200, 'and that page opens');
});

test('a new record\'s form, sent back as a browser sends it, saves (no version yet is no bad version)', async () => {
	const hidden = (html) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
	for (const [path, fields] of [
		[`/o/${ORG}/partners/new`, { name: 'Nieuw via het formulier', kind: 'anders' }],
		[`/o/${ORG}/communities/new`, { name: 'Nieuw via het formulier' }],
		// activities (issue 9): the demo's first community is Taalcafé (id 1)
		[`/o/${ORG}/activities/new`, { title: 'Nieuw via het formulier', held_on: '2026-03-01', community: '1', made: 'met' }],
	]) {
		const page = await sascha.get(path);
		assert.equal(page.status, 200, path);
		const res = await sascha.post(path, { ...hidden(page.body), ...fields });
		assert.equal(res.status, 303, `${path}: ${res.status}\n${res.body.slice(0, 500)}`);
	}
});

// signals (issue 10): the signal id in the address and the maximum in the settings are read strictly
test('signals: "1abc" is no signal, "3x" no maximum', async () => {
	const csrf = await sascha.csrf(`/o/${ORG}/signals`);
	for (const id of ['1abc', '01', '-1', '0'])
		assert.equal((await sascha.post(`/o/${ORG}/signals/${id}/aside`, { csrf, until: '2099-01-01', reason: 'x' })).status, 404, id);
	const admin = new Client(server);
	await admin.login(USERS.marieke);
	const token = await admin.csrf(`/o/${ORG}/settings`);
	for (const max of ['3x', '03', ' 3', '1e1', '51'])
		assert.equal((await admin.post(`/o/${ORG}/settings/signals`, { csrf: token, max })).status, 422, max);
	assert.equal((await admin.post(`/o/${ORG}/settings/signals`, { csrf: token, max: '3', 'on-role_missing': '1' })).status, 303);
	// and everything else back on
	const page = await admin.get(`/o/${ORG}/settings`);
	const on = {};
	for (const m of page.body.matchAll(/name="(on-[a-z_]+)" value="1"/g)) on[m[1]] = '1';
	assert.equal((await admin.post(`/o/${ORG}/settings/signals`, { csrf: csrfFrom(page.body), max: '3', ...on })).status, 303);
});

/* dashboard: the branch filter of the dashboard takes an id strictly too */
test('the dashboard\'s branch filter: "1abc", "01" and " 1" are no branch 1, "1" is', async () => {
	const selected = (html) => {
		const sel = /<select[^>]*name="vestiging">(.*?)<\/select>/s.exec(html);
		assert.ok(sel, 'the branch filter');
		return (/<option value="(\d+)" selected>/.exec(sel[1]) || [])[1];
	};
	const page = await sascha.get(`/o/${ORG}/dashboard?vestiging=1`);
	assert.equal(page.status, 200);
	assert.equal(selected(page.body), '1');
	for (const bad of ['1abc', '01', '%201', '1.0', '+1', '0x1']) {
		const res = await sascha.get(`/o/${ORG}/dashboard?vestiging=${bad}`);
		assert.equal(res.status, 200, bad);
		assert.equal(selected(res.body), undefined, `${bad}: all branches`);
	}
});

test('activities (issue 9): a version, a count or a filter id is read strictly', async () => {
	const page = await sascha.get(`/o/${ORG}/activities/new`);
	const csrf = csrfFrom(page.body);
	const made = await sascha.post(`/o/${ORG}/activities/new`, { csrf, title: 'Strikte activiteit', held_on: '2026-03-02', community: '1', made: 'door' });
	assert.equal(made.status, 303);
	const id = Number(/activities\/(\d+)/.exec(made.headers.location)[1]);
	const url = `/o/${ORG}/activities/${id}/edit`;
	for (const version of ['1abc', '01', ' 1', '+1']) {
		const res = await sascha.post(url, { csrf, title: `Niet opgeslagen ${version}`, held_on: '2026-03-02', community: '1', made: 'door', version });
		assert.ok([409, 422].includes(res.status), `version "${version}" is no version (${res.status})`);
	}
	for (const participants of ['12abc', '012x', '1e3', '0x10', '١٢']) {
		const res = await sascha.post(`/o/${ORG}/activities/${id}/confirm`, { csrf, version: '1', participants });
		assert.equal(res.status, 422, `count "${participants}" is no count`);
	}
	assert.doesNotMatch((await sascha.get(`/o/${ORG}/activities/${id}`)).body, /Niet opgeslagen/);
	// ids in the community field that are not plain numbers tick nothing
	const odd = await sascha.post(`/o/${ORG}/activities/new`, { csrf, title: 'Rare community', held_on: '2026-03-02', community: '01', made: 'door' });
	assert.equal(odd.status, 422);
	for (const q of ['community=01', 'branch=1x', 'pagina=2x', 'van=2026-13-01'])
		assert.equal((await sascha.get(`/o/${ORG}/activities?${q}`)).status, 200, q);
});

// plan (issue 11b): a task's version, owner and goal are read strictly; money and hours too
test('project plan (issue 11b): versions, owners, goals, money and hours are read strictly', async () => {
	const base = `/o/${ORG}/communities/1/plan`;
	const page = await sascha.get(`${base}/new`);
	const csrf = csrfFrom(page.body);
	const made = await sascha.post(`${base}/new`, { csrf, title: 'Strikte taak', status: 'open', planned_money: '10,00' });
	assert.equal(made.status, 303);
	const id = Number(/taak-(\d+)/.exec(made.headers.location)[1]);
	for (const version of ['1abc', '01', ' 1', '+1'])
		assert.ok([409, 422].includes((await sascha.post(`${base}/${id}`, { csrf, title: `Niet opgeslagen ${version}`, status: 'open', version })).status), version);
	for (const owner of ['01', '1abc', '-1'])
		assert.equal((await sascha.post(`${base}/${id}`, { csrf, title: 'Eigenaar', status: 'open', owner, version: '1' })).status, 422, `owner "${owner}"`);
	for (const serves of ['g01', 'x1', 'g1abc', 's-1'])
		assert.ok([404, 422].includes((await sascha.post(`${base}/${id}`, { csrf, title: 'Doel', status: 'open', serves, version: '1' })).status), `serves "${serves}"`);
	for (const [field, value] of [['planned_money', '1e3'], ['planned_money', '0x10'], ['spent_money', '١٢'], ['planned_hours', '1e3'], ['spent_hours', '٢']])
		assert.equal((await sascha.post(`${base}/${id}`, { csrf, title: 'Getal', status: 'open', [field]: value, version: '1' })).status, 422, `${field} "${value}"`);
	for (const bad of ['01', '1abc'])
		assert.equal((await sascha.get(`${base}/${bad}`)).status, 404, `task "${bad}"`);
	assert.doesNotMatch((await sascha.get(base)).body, /Niet opgeslagen|Eigenaar|Getal/);
});

// accounts and invitations (issues 13, 14): link tokens, person and invitation ids, session
// references, codes and names are read strictly
test('accounts: a token, id, session reference or code that is not exactly right is refused and changes nothing', async () => {
	const marieke = new Client(server, { localAddress: '127.0.0.90' });
	await marieke.login(USERS.marieke);
	for (const t of ['A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}+`, `${'A'.repeat(42)}%2F`, `${'A'.repeat(42)}.`]) {
		for (const p of ['invite', 'reset']) {
			const res = await new Client(server).get(`/${p}/${t}`);
			assert.equal(res.status, 404, `/${p}/${t}`);
			assert.match(res.body, /<html lang="nl"/);
		}
	}
	const csrf = await marieke.csrf(`/o/${ORG}/people`);
	for (const id of ['07', '1x', '0', '-1', '99999999999999999999']) {
		assert.equal((await marieke.post(`/o/${ORG}/people/${id}/reset`, { csrf })).status, 404, `reset ${id}`);
		assert.equal((await marieke.post(`/o/${ORG}/people/${id}/sessions/end`, { csrf })).status, 404, `sessions ${id}`);
		assert.equal((await marieke.post(`/o/${ORG}/people/invitations/${id}/withdraw`, { csrf })).status, 404, `withdraw ${id}`);
	}
	const own = await marieke.csrf('/account/sessions');
	for (const sessie of ['', 'x', '0'.repeat(63), 'G'.repeat(64), `${'a'.repeat(64)} `, 'A'.repeat(64)]) {
		const res = await marieke.post('/account/sessions/end', { csrf: own, sessie });
		assert.ok([400, 404].includes(res.status), `session "${sessie}": ${res.status}`);
	}
	assert.equal((await marieke.get(`/o/${ORG}/`)).status, 200, 'still logged in');
	const sec = await marieke.csrf(`/o/${ORG}/settings/security`);
	assert.equal((await marieke.post(`/o/${ORG}/settings/security`, { csrf: sec, totp: '01' })).status, 400);
	// an invitation's label and an accepting name over their limits: said beside the field
	const long = 'x'.repeat(201);
	const inv = await marieke.post(`/o/${ORG}/people`, { csrf, name: long, email: 'lang@voorbeeld.nl', role: 'medewerker' });
	assert.equal(inv.status, 422);
	const ok = await marieke.post(`/o/${ORG}/people`, { csrf, name: 'Lang', email: 'lang@voorbeeld.nl', role: 'medewerker' });
	assert.equal(ok.status, 200);
	const link = /\/invite\/[A-Za-z0-9_-]{43}/.exec(ok.body)[0];
	const c = new Client(server, { localAddress: '127.0.0.91' });
	const form = await c.get(link);
	const res = await c.post(link, { csrf: csrfFrom(form.body), name: long, email: 'lang@voorbeeld.nl', password: 'een-goed-wachtwoord', password2: 'een-goed-wachtwoord' });
	assert.equal(res.status, 422);
	assert.match(res.body, /id="f-name-error"/);
	assert.equal((await c.get(link)).status, 200, 'the link is still good');
});

// privacy (issue 14b): a person's id in an inzage or erase address, and a retention period, are read strictly
test('privacy: "1abc" is no person, "07" no period of 7 days', async () => {
	const marieke = new Client(server, { localAddress: '127.0.0.140' });
	await marieke.login(USERS.marieke);
	for (const kind of ['person', 'partner', 'community'])
		for (const id of ['1abc', '01', '0', '1.0', '+1', '9007199254740993'])
			for (const suffix of ['', '/json', '/erase'])
				assert.equal((await marieke.get(`/o/${ORG}/privacy/${kind}/${id}${suffix}`)).status, 404, `${kind}/${id}${suffix}`);
	const csrf = await marieke.csrf(`/o/${ORG}/privacy/retention`);
	for (const days of ['07', '7d', '1e2', '+7', '0x10', '١٢'])
		assert.equal((await marieke.post(`/o/${ORG}/privacy/retention`, { csrf, contact: days, links: '90', access_log: '365' })).status, 422, days);
});

// instruments (issues 12, 13): ids in addresses and forms of the zelftest and the pulse
test('instruments: a round, a person or a manager id is read strictly', async () => {
	for (const bad of ['01', '1x', '0', '-1', '1.0'])
		assert.equal((await sascha.get(`/o/${ORG}/communities/${bad}/pulse`)).status, 404, `community "${bad}"`);
	const page = await sascha.get(`/o/${ORG}/communities/1/pulse`);
	const csrf = csrfFrom(page.body);
	for (const bad of ['01', '1x', '0', '9007199254740992'])
		assert.equal((await sascha.post(`/o/${ORG}/communities/1/pulse/${bad}/close`, { csrf })).status, 404, `round "${bad}"`);
	const zt = await sascha.get(`/o/${ORG}/me/zelftest`);
	for (const manager of ['01', '1x', ' 1', '+1', '1.0'])
		assert.equal((await sascha.post(`/o/${ORG}/me/zelftest/share`, { csrf: csrfFrom(zt.body), manager })).status, 422, `manager "${manager}"`);
	// a link token of the wrong shape is no link
	for (const bad of ['A'.repeat(42), 'A'.repeat(42) + '=', 'A'.repeat(42) + '%2F'])
		assert.equal((await sascha.get(`/s/${bad}`)).status, 404, `token "${bad}"`);
});

// route (issue 12a): a step, a plan version and a chosen beheerder are read strictly
test('route and impact plan: "01", "1abc" and " 1" are no step, version or beheerder', async () => {
	let csrf = await sascha.csrf(`/o/${ORG}/route`);
	for (const step of ['01', '1abc', '3x'])
		assert.equal((await sascha.post(`/o/${ORG}/route/${step}`, { csrf, done: '1' })).status, 404, `step ${step}`);
	for (const done of ['01', '1abc', ' 1', 'true'])
		assert.equal((await sascha.post(`/o/${ORG}/route/3`, { csrf, done })).status, 400, `done ${done}`);
	csrf = await sascha.csrf(`/o/${ORG}/me/impact`);
	const page = await sascha.get(`/o/${ORG}/me/impact`);
	const version = /name="version" value="(\d+)"/.exec(page.body)[1];
	for (const v of [`${version}abc`, `0${version}`, ` ${version}`, `${version}.0`]) {
		const res = await sascha.post(`/o/${ORG}/me/impact`, { csrf, rol: `Niet opgeslagen ${v}`, version: v });
		assert.ok([409, 422].includes(res.status), `version "${v}": nothing saved (${res.status})`);
	}
	assert.doesNotMatch((await sascha.get(`/o/${ORG}/me/impact`)).body, /Niet opgeslagen/);
	for (const viewer of ['01', '1abc', ' 1'])
		assert.equal((await sascha.post(`/o/${ORG}/me/impact/share`, { csrf, viewer })).status, 422, `viewer ${viewer}`);
	for (const q of ['versie=01', 'versie=1abc', 'versie=%201'])
		assert.equal((await sascha.get(`/o/${ORG}/me/impact?${q}`)).status, 200, q);
});

// public (issue 13): the inbox's versions and community ids, the public form's community
test('public page and inbox: a version, a community or a page is read strictly', async () => {
	const inbox = await sascha.get(`/o/${ORG}/inbox`);
	assert.equal(inbox.status, 200);
	const id = /\/o\/de-sleutel\/inbox\/(\d+)/.exec(inbox.body)[1];
	const item = await sascha.get(`/o/${ORG}/inbox/${id}`);
	const csrf = csrfFrom(item.body);
	for (const version of ['1abc', '01', ' 1', '+1']) {
		const res = await sascha.post(`/o/${ORG}/inbox/${id}/answer`, { csrf, version });
		assert.equal(res.status, 409, `version "${version}" is no version (${res.status})`);
	}
	for (const community of ['01', '1x', ' 1']) {
		const res = await sascha.post(`/o/${ORG}/inbox/${id}/invite`, { csrf, version: '1', community });
		assert.equal(res.status, 404, `community "${community}" is no community (${res.status})`);
	}
	assert.match((await sascha.get(`/o/${ORG}/inbox/${id}`)).body, /Wat doe je ermee\?/, 'still new');
	for (const q of ['pagina=2x', 'lijst=x', 'pagina=-1'])
		assert.equal((await sascha.get(`/o/${ORG}/inbox?${q}`)).status, 200, q);
	for (const q of ['groep=01', 'groep=1x', 'groep=-1', 'groep=99999999999999999999']) {
		const res = await sascha.get(`/p/${ORG}/doe-mee?${q}`);
		assert.equal(res.status, 200, q);
		assert.doesNotMatch(res.body, /checked/, `${q}: no community chosen`);
	}
});

// knowledge (issue 11): versions, the community filter and a source are read strictly
test('knowledge: "1abc" is no version, "07" no community, "a01" no activity', async () => {
	const page = await sascha.get(`/o/${ORG}/knowledge/new?community=1`);
	assert.equal(page.status, 200);
	const csrf = csrfFrom(page.body);
	const made = await sascha.post(`/o/${ORG}/knowledge/new`, { csrf, kind: 'notitie', community: '1', title: 'Strikte kennis' });
	assert.equal(made.status, 303, made.body.slice(0, 300));
	const id = Number(/knowledge\/(\d+)/.exec(made.headers.location)[1]);
	for (const version of ['1abc', '01', ' 1', '1.0', '+1']) {
		const res = await sascha.post(`/o/${ORG}/knowledge/${id}/edit`, { csrf, kind: 'notitie', community: '1', title: `Niet opgeslagen ${version}`, version });
		assert.ok([400, 409, 422].includes(res.status), `version "${version}": ${res.status}`);
	}
	for (const community of ['07', '1x', '+1'])
		assert.equal((await sascha.post(`/o/${ORG}/knowledge/new`, { csrf, kind: 'notitie', community, title: 'Rare community' })).status, 422, community);
	for (const source of ['a01', 'a1x', 'c-1', 'x1'])
		assert.equal((await sascha.post(`/o/${ORG}/knowledge/new`, { csrf, kind: 'notitie', community: '1', title: 'Rare bron', source })).status, 422, source);
	assert.doesNotMatch((await sascha.get(`/o/${ORG}/knowledge/${id}`)).body, /Niet opgeslagen|Rare/);
	for (const q of ['community=07', 'community=1x', 'pagina=2x'])
		assert.doesNotMatch((await sascha.get(`/o/${ORG}/knowledge?${q}`)).body, /<option value="\d+" selected>/, q);
	for (const bad of ['1abc', '01', '0', '-1'])
		assert.equal((await sascha.get(`/o/${ORG}/files/${bad}`)).status, 404, bad);
});

/* workshops (issue 12): the workshop, row and version in addresses and forms are read strictly */
test('workshops: "1abc" is no workshop or row, "01" no version', async () => {
	const csrf = await sascha.csrf(`/o/${ORG}/workshops`);
	const made = await sascha.post(`/o/${ORG}/workshops/template`, { csrf, held_on: '2031-06-01' });
	assert.equal(made.status, 303);
	const id = Number(/\/workshops\/(\d+)\?/.exec(made.headers.location)[1]);
	const page = await sascha.get(`/o/${ORG}/workshops/${id}`);
	const row = Number(/id="onderdeel-(\d+)"/.exec(page.body)[1]);
	for (const bad of [`${id}abc`, `0${id}`, '0', '-1', `${id}.0`])
		assert.equal((await sascha.get(`/o/${ORG}/workshops/${bad}`)).status, 404, bad);
	for (const bad of [`${row}x`, `0${row}`])
		assert.equal((await sascha.get(`/o/${ORG}/workshops/${id}/rows/${bad}`)).status, 404, bad);
	for (const version of ['1abc', '01', ' 1', '+1']) {
		const move = await sascha.post(`/o/${ORG}/workshops/${id}/rows/${row}/move`, { csrf, richting: 'neer', version });
		assert.equal(move.status, 400, `move with version "${version}"`);
		const res = await sascha.post(`/o/${ORG}/workshops/${id}/rows/${row}`, { csrf, minutes: '5', topic: `Niet opgeslagen ${version}`, work_form: 'plenair', version });
		assert.ok([409, 422].includes(res.status), `row with version "${version}" (${res.status})`);
	}
	const after = await sascha.get(`/o/${ORG}/workshops/${id}`);
	assert.doesNotMatch(after.body, /Niet opgeslagen/, 'nothing was saved');
	assert.equal(/id="onderdeel-(\d+)"/.exec(after.body)[1], String(row), 'nothing moved');
});
