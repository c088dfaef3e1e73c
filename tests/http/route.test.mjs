/*
 * route.test.mjs - Mijn route, my contribution and the Persoonlijk Impact
 * Plan (issue 12a): the route ticks by use and by hand; the first-use start
 * page of a brand-new organisation; the plan is versioned (history,
 * conflicts) and private: invisible to every other account, beheerder
 * included, until shared with one chosen beheerder, and again after the
 * share is revoked; every address under /me/ answers only its owner's data
 * (walked from the route table); another organisation's people, bad ids and
 * odd input.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, OTHER_ORG, USERS, PASSWORD, kring, routeTable, textOf, hiddenValue, csrfFrom } from './helpers.mjs';

const server = new Server();
const c = {};
const NEW_ORG = 'nieuwe-bieb';

before(async () => {
	await server.start();
	const names = ['marieke', 'sascha', 'jeroen', 'anouk', 'fatima', 'henk'];
	await Promise.all(
		names.map(async (n, i) => {
			c[n] = new Client(server, { localAddress: `127.0.0.${81 + i}` });
			await c[n].login(USERS[n]);
		}),
	);
});
after(() => server.kill());

const O = `/o/${ORG}`;

/* The person id of an e-mail in De Sleutel, from the people page. */
async function personId(email) {
	const body = (await c.marieke.get(`${O}/people`)).body;
	const rows = body.split('<tr');
	const row = rows.find((r) => r.includes(email));
	assert.ok(row, `${email} is on the people page`);
	const m = /\/people\/(\d+)/.exec(row);
	assert.ok(m, `a link to ${email}`);
	return Number(m[1]);
}

async function post(who, path, fields, page) {
	const tok = await c[who].csrf(page || path);
	return c[who].post(path, { ...fields, csrf: tok });
}

/* Henk's person id (beheerder of Het Baken only), from his people page. */
async function henkId() {
	const body = (await c.henk.get(`/o/${OTHER_ORG}/people`)).body;
	const row = body.split('<tr').find((r) => r.includes(USERS.henk));
	return Number(/\/people\/(\d+)/.exec(row)[1]);
}

const PLAN = {
	rol: 'GEHEIM-PLAN rol van Jeroen',
	situaties: 'Situaties GEHEIM-PLAN',
	mensen: 'Mensen',
	groepen: 'Groepen',
	leren: 'Leren',
	gesprekken: 'Gesprekken',
	wanneer: '2031-05-01',
};

test('Mijn route: eight steps with explanation, tips, reading and links; Sascha is under way', async () => {
	const res = await c.sascha.get(`${O}/route`);
	assert.equal(res.status, 200);
	const text = textOf(res.body);
	for (const t of ['Beginnen', 'De organisatie en ik', 'Wat is er al', 'Ga kennismaken', 'POST-O', 'Kenniscreatie', 'Projectplan', 'Continueren'])
		assert.ok(text.includes(t), `step "${t}" is shown`);
	for (let n = 1; n <= 8; n++) assert.match(res.body, new RegExp(`id="stap-${n}"`), `step ${n} has its anchor`);
	assert.match(res.body, /href="\/o\/de-sleutel\/readiness"/, 'step 1 links to the readiness questions');
	assert.match(res.body, /href="\/o\/de-sleutel\/me\/impact"/, 'step 2 links to the impact plan');
	assert.match(res.body, /href="\/o\/de-sleutel\/scan"/, 'step 3 links to the scan');
	assert.match(text, /Tips/);
	assert.match(text, /Lezen/);
	// the demo: steps 1-7 seen in the work (a POST-O, knowledge and plan tasks of her
	// communities), step 8 opened again by hand
	assert.match(text, /kring zag het in je werk/);
	assert.match(text, /Een community waar je voor werkt, heeft een POST-O\./);
	assert.match(text, /Een community waar je voor werkt, legde kennis vast in de kennisbank\./);
	assert.match(text, /Een community waar je voor werkt, heeft taken in het projectplan\./);
	assert.match(text, /zelf weer opengezet/);
	assert.match(text, /Je hebt 7 van de 8 stappen gezet/);
	assert.match(text, /Nu aan de beurt: stap 8, Continueren/);
	assert.match(res.body, /href="\/o\/de-sleutel\/communities\/\d+\/post-o"/, 'step 5 links to the POST-O of her community');
	assert.match(res.body, /href="\/o\/de-sleutel\/knowledge"/, 'step 6 links to the kennisbank');
	assert.match(res.body, /href="\/o\/de-sleutel\/communities\/\d+\/plan"/, 'step 7 links to the project plan of her community');
});

test('a step is ticked by hand, unticked again, and back to what kring sees', async () => {
	const before = textOf((await c.jeroen.get(`${O}/route`)).body);
	assert.match(before, /Je hebt \d van de 8 stappen gezet/);
	const count = (t) => (t.includes('Je hebt alle 8 stappen gezet') ? 8 : Number(/Je hebt (\d) van de 8/.exec(t)[1]));
	const n0 = count(before);
	// the first step kring does not see in his work
	const open = Number(/Nu aan de beurt: stap (\d)/.exec(before)[1]);
	let res = await post('jeroen', `${O}/route/${open}`, { done: '1' }, `${O}/route`);
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, `/o/de-sleutel/route?opgeslagen=1#stap-${open}`);
	let text = textOf((await c.jeroen.get(`${O}/route`)).body);
	assert.equal(count(text), n0 + 1, 'one step more');
	res = await post('jeroen', `${O}/route/${open}`, { done: '0' }, `${O}/route`);
	assert.equal(res.status, 303);
	text = textOf((await c.jeroen.get(`${O}/route`)).body);
	assert.equal(count(text), n0, 'back as it was');
	// step 1 is seen in the work (readiness answered): unticking it by hand holds
	res = await post('jeroen', `${O}/route/1`, { done: '0' }, `${O}/route`);
	assert.equal(res.status, 303);
	text = textOf((await c.jeroen.get(`${O}/route`)).body);
	assert.match(text, /zelf weer opengezet/);
	assert.match(text, /Nu aan de beurt: stap 1, Beginnen/);
	await post('jeroen', `${O}/route/1`, { done: '1' }, `${O}/route`);
	// Sascha's route did not move with Jeroen's
	assert.match(textOf((await c.sascha.get(`${O}/route`)).body), /Nu aan de beurt: stap 8/);
});

test('route marks: odd input is refused', async () => {
	for (const done of ['', '2', 'ja', '1 ', undefined]) {
		const fields = done === undefined ? {} : { done };
		const res = await post('sascha', `${O}/route/3`, fields, `${O}/route`);
		assert.equal(res.status, 400, `done=${JSON.stringify(done)}`);
	}
	for (const step of ['9', '99', '9007199254740991']) {
		const res = await post('sascha', `${O}/route/${step}`, { done: '1' }, `${O}/route`);
		assert.equal(res.status, 404, `step ${step}`);
	}
	for (const step of ['0', '-1', 'abc', '1.5']) {
		const res = await post('sascha', `${O}/route/${step}`, { done: '1' }, `${O}/route`);
		assert.equal(res.status, 404, `step ${step}: not a route`);
	}
});

test('my contribution: communities with roles, action points, activities, route, and the way to the plan and zelftest', async () => {
	const res = await c.sascha.get(`${O}/me`);
	assert.equal(res.status, 200);
	const text = textOf(res.body);
	assert.match(text, /Mijn communities en rollen/);
	assert.match(text, /Bouwer|Verbinder|Aanjager/);
	assert.match(text, /Mijn open actiepunten/);
	assert.match(text, /Activiteiten waar ik aan meedoe/);
	assert.match(text, /Mijn route: stap 8 van 8, Continueren/);
	assert.match(res.body, /href="\/o\/de-sleutel\/me\/impact"/);
	assert.match(res.body, /href="\/o\/de-sleutel\/me\/zelftest"/);
	assert.match(res.body, /href="\/o\/de-sleutel\/communities\/\d+"/, 'links to her communities');
});

test('the start page: a line for who is under way, the route as the way in for a new person', async () => {
	const sascha = textOf((await c.sascha.get(`${O}/`)).body);
	assert.match(sascha, /Mijn route: stap 8 van 8, Continueren/);
	assert.doesNotMatch(sascha, /Jouw route begint hier/);
	// a new medewerker in De Sleutel
	userAdd(['--email', 'nieuw@desleutel.nl', '--name', 'Noor Nieuw', '--org', ORG, '--role', 'medewerker']);
	const noor = new Client(server, { localAddress: '127.0.0.91' });
	await noor.login('nieuw@desleutel.nl');
	const home = await noor.get(`${O}/`);
	const text = textOf(home.body);
	assert.match(text, /Jouw route begint hier/);
	assert.match(text, /Het volgende om te doen/);
	assert.doesNotMatch(text, /Mijn actiepunten/, 'no empty blocks for a new person');
});

test('a brand-new organisation: the first login shows the route and the one next thing', async () => {
	server.cli(['org', 'add', '--slug', NEW_ORG, '--name', 'Bibliotheek Nieuwstad']);
	userAdd(['--email', 'eerste@nieuwstad.nl', '--name', 'Eva Eerste', '--org', NEW_ORG, '--role', 'beheerder']);
	const eva = new Client(server, { localAddress: '127.0.0.92' });
	await eva.login('eerste@nieuwstad.nl');
	const res = await eva.get(`/o/${NEW_ORG}/`);
	assert.equal(res.status, 200);
	const text = textOf(res.body);
	assert.match(text, /Jouw route begint hier/);
	assert.match(text, /Je staat bij stap 1 van 8/);
	assert.match(text, /Beantwoord met je team de vragen van stap 1/);
	assert.match(res.body, /href="\/o\/nieuwe-bieb\/readiness"/, 'the next thing links to where it is done');
	// De Sleutel's people see nothing of it, and Eva nothing of De Sleutel
	assert.equal((await eva.get(`${O}/route`)).status, 404);
});

test('steps 5-7 are seen in the work: a POST-O, a knowledge item, plan tasks of a community I work for', async () => {
	const eva = new Client(server, { localAddress: '127.0.0.93' });
	await eva.login('eerste@nieuwstad.nl');
	const N = `/o/${NEW_ORG}`;
	const done = async () => {
		const body = (await eva.get(`${N}/route`)).body;
		const out = {};
		for (const m of body.matchAll(/class="kring-card kring-route-step([^"]*)" id="stap-(\d)"/g))
			out[m[2]] = m[1].includes('kring-route-step--done');
		return { body, out };
	};
	// no community yet: the steps point to the communities list
	let r = await done();
	assert.deepEqual([r.out[5], r.out[6], r.out[7]], [false, false, false]);
	assert.match(r.body, new RegExp(`href="${N}/knowledge"`), 'step 6 links to the kennisbank');
	assert.doesNotMatch(r.body, /\/post-o"/, 'no POST-O link without a community');
	let res = await eva.post(`${N}/communities/new`, { csrf: await eva.csrf(`${N}/communities/new`), name: 'Leesclub Nieuwstad', status: 'gewenst' });
	assert.equal(res.status, 303);
	const cid = Number(/\/communities\/(\d+)/.exec(res.headers.location)[1]);
	const people = (await eva.get(`${N}/people`)).body;
	const evaId = /\/people\/(\d+)/.exec(people.split('<tr').find((row) => row.includes('eerste@nieuwstad.nl')))[1];
	res = await eva.post(`${N}/communities/${cid}/staff`, { csrf: await eva.csrf(`${N}/communities/${cid}`), person: evaId, role: 'bouwer' });
	assert.equal(res.status, 303);
	r = await done();
	assert.deepEqual([r.out[5], r.out[6], r.out[7]], [false, false, false], 'a community alone does not do the steps');
	assert.match(r.body, new RegExp(`href="${N}/communities/${cid}/post-o"`), 'step 5 links to her community\'s POST-O');
	assert.match(r.body, new RegExp(`href="${N}/communities/${cid}/plan"`), 'step 7 links to her community\'s plan');
	// step 5: the POST-O written down
	const posto = await eva.get(`${N}/communities/${cid}/post-o`);
	const pv = hiddenValue(posto.body, 'version');
	res = await eva.post(`${N}/communities/${cid}/post-o`, { csrf: csrfFrom(posto.body), ...(pv ? { version: pv } : {}), people: 'Lezers uit de wijk' });
	assert.equal(res.status, 303, textOf(res.body).slice(-1500));
	r = await done();
	assert.deepEqual([r.out[5], r.out[6], r.out[7]], [true, false, false]);
	assert.ok(textOf(r.body).includes('Een community waar je voor werkt, heeft een POST-O.'));
	// step 6: a knowledge item of the community
	res = await eva.post(`${N}/knowledge/new`, { csrf: await eva.csrf(`${N}/knowledge/new`), kind: 'notitie', community: String(cid), title: 'Wat de leesclub leerde', body: 'Samen lezen werkt.' });
	assert.equal(res.status, 303, res.body.slice(0, 500));
	r = await done();
	assert.deepEqual([r.out[5], r.out[6], r.out[7]], [true, true, false]);
	// step 7: a task in the project plan
	const task = await eva.get(`${N}/communities/${cid}/plan/new`);
	res = await eva.post(`${N}/communities/${cid}/plan/new`, { csrf: csrfFrom(task.body), title: 'Eerste bijeenkomst', status: 'open' });
	assert.equal(res.status, 303, res.body.slice(0, 500));
	r = await done();
	assert.deepEqual([r.out[5], r.out[6], r.out[7]], [true, true, true]);
});

/* `kring user add` on the server's database, the password on standard input. */
function userAdd(args) {
	return kring(['user', 'add', ...args, '--db', server.db], { input: `${PASSWORD}\n` });
}

test('the impact plan: saved in versions, with history, and a conflict keeps what was typed', async () => {
	let res = await c.jeroen.get(`${O}/me/impact`);
	assert.equal(res.status, 200);
	assert.match(textOf(res.body), /Je hebt nog geen plan/);
	assert.match(textOf(res.body), /niemand anders ziet het, ook een beheerder niet/);
	res = await post('jeroen', `${O}/me/impact`, PLAN);
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, `${O}/me/impact?opgeslagen=1`);
	res = await c.jeroen.get(res.headers.location);
	assert.match(textOf(res.body), /opgeslagen als versie 1/);
	assert.ok(res.body.includes('GEHEIM-PLAN rol van Jeroen'));
	assert.equal(hiddenValue(res.body, 'version'), '1');
	// a second save from the same page
	res = await post('jeroen', `${O}/me/impact`, { ...PLAN, leren: 'Brainstormen', version: '1' });
	assert.equal(res.status, 303);
	assert.equal(res.headers.location, `${O}/me/impact?opgeslagen=2`);
	// a stale form (version 1 again): conflict, both texts shown
	res = await post('jeroen', `${O}/me/impact`, { ...PLAN, leren: 'Mijn nieuwe tekst', version: '1' });
	assert.equal(res.status, 409);
	assert.ok(res.body.includes('Mijn nieuwe tekst'), 'what was typed stays');
	assert.ok(res.body.includes('Brainstormen'), 'what is stored is shown');
	assert.equal(hiddenValue(res.body, 'version'), '2', 'the form now names the stored version');
	// the history, and an old version
	res = await c.jeroen.get(`${O}/me/impact`);
	assert.match(res.body, /href="\/o\/de-sleutel\/me\/impact\?versie=1"/);
	res = await c.jeroen.get(`${O}/me/impact?versie=1`);
	assert.equal(res.status, 200);
	assert.match(textOf(res.body), /Je bekijkt versie 1/);
	assert.ok(res.body.includes('Leren') && !res.body.includes('Brainstormen'));
	assert.equal((await c.jeroen.get(`${O}/me/impact?versie=99`)).status, 404);
	// a first save when a plan exists (version 0) is a conflict too
	res = await post('jeroen', `${O}/me/impact`, { ...PLAN });
	assert.equal(res.status, 409);
	// odd input
	res = await post('jeroen', `${O}/me/impact`, { ...PLAN, wanneer: '2031-02-30', version: '2' });
	assert.equal(res.status, 422);
	res = await post('jeroen', `${O}/me/impact`, { ...PLAN, rol: 'x'.repeat(5001), version: '2' });
	assert.equal(res.status, 422);
	res = await post('jeroen', `${O}/me/impact`, { ...PLAN, version: '-1' });
	assert.equal(res.status, 422);
	res = await post('jeroen', `${O}/me/impact`, { ...PLAN, rol: '<script>alert(1)</script>', version: '2' });
	assert.equal(res.status, 303);
	res = await c.jeroen.get(`${O}/me/impact`);
	assert.ok(!res.body.includes('<script>alert(1)'), 'escaped');
	assert.ok(res.body.includes('&lt;script&gt;alert(1)'));
	await post('jeroen', `${O}/me/impact`, { ...PLAN, version: '3' });
});

/* Every GET under /me/ of the route table, as each account: never Jeroen's plan. */
async function meWalk(label) {
	const table = routeTable().filter((r) => /\/me(\/|$)/.test(r.pattern) && r.method === 'GET');
	assert.ok(table.length >= 2, 'the route table has addresses under /me');
	for (const r of table) {
		for (const who of ['marieke', 'sascha', 'anouk', 'fatima', 'henk']) {
			for (const q of ['', '?versie=1', '?versie=2', '?versie=4']) {
				const url = r.pattern.replace(':org', ORG) + q;
				const res = await c[who].get(url);
				assert.ok(!res.body.includes('GEHEIM-PLAN'), `${label}: ${url} as ${who} shows nothing of Jeroen's plan`);
			}
		}
		// Jeroen himself sees his own (an address for ambassadeurs only, /me/leave, refuses him)
		const own = await c.jeroen.get(r.pattern.replace(':org', ORG));
		assert.equal(own.status, r.roles.includes('medewerker') ? 200 : 403, r.pattern);
	}
	const mine = await c.jeroen.get(`${O}/me/impact`);
	assert.ok(mine.body.includes('GEHEIM-PLAN'), 'the owner sees the plan');
}

test('the plan is private: nobody else reads it, beheerder included, until shared; and again after revoking', async () => {
	const jeroen = await personId(USERS.jeroen);
	const marieke = await personId(USERS.marieke);
	await meWalk('before sharing');
	// the beheerder's address for a shared plan: the same neutral page as for none
	let res = await c.marieke.get(`${O}/people/${jeroen}/impact`);
	assert.equal(res.status, 200);
	assert.ok(!res.body.includes('GEHEIM-PLAN'), 'not shared: not shown');
	const none = await c.marieke.get(`${O}/people/${await personId(USERS.anouk)}/impact`);
	assert.match(textOf(none.body), /geen Persoonlijk Impact Plan met jou gedeeld/);
	assert.match(textOf(res.body), /geen Persoonlijk Impact Plan met jou gedeeld/);
	// a medewerker, an adviseur and an ambassadeur may not open the address at all
	for (const who of ['sascha', 'anouk', 'fatima'])
		assert.equal((await c[who].get(`${O}/people/${jeroen}/impact`)).status, 403, who);
	// the audit log names nothing of it
	const audit = await c.marieke.get(`${O}/audit`);
	assert.doesNotMatch(audit.body, /impact/i);

	// Jeroen shares with Marieke
	res = await post('jeroen', `${O}/me/impact/share`, { viewer: String(marieke) }, `${O}/me/impact`);
	assert.equal(res.status, 303);
	res = await c.jeroen.get(`${O}/me/impact`);
	assert.match(textOf(res.body), /Je plan is gedeeld met Marieke/);
	res = await c.marieke.get(`${O}/people/${jeroen}/impact`);
	assert.ok(res.body.includes('GEHEIM-PLAN'), 'shared: the chosen beheerder reads it');
	res = await c.marieke.get(`${O}/me`);
	assert.match(res.body, new RegExp(`href="/o/de-sleutel/people/${jeroen}/impact"`), 'listed as shared with her');
	// still nobody else, and nothing under /me/ of anyone else shows it
	await meWalk('while shared');
	assert.ok(!(await c.henk.get(`/o/${OTHER_ORG}/people/${jeroen}/impact`)).body.includes('GEHEIM-PLAN'));

	// revoked: gone again
	res = await post('jeroen', `${O}/me/impact/unshare`, {}, `${O}/me/impact`);
	assert.equal(res.status, 303);
	res = await c.marieke.get(`${O}/people/${jeroen}/impact`);
	assert.ok(!res.body.includes('GEHEIM-PLAN'), 'revoked: not shown');
	assert.doesNotMatch((await c.marieke.get(`${O}/me`)).body, new RegExp(`people/${jeroen}/impact`));
	await meWalk('after revoking');
});

test('sharing only with a beheerder of this organisation; a share ends with the viewer\'s role', async () => {
	const jeroen = await personId(USERS.jeroen);
	const sascha = await personId(USERS.sascha);
	const anouk = await personId(USERS.anouk);
	const marieke = await personId(USERS.marieke);
	for (const viewer of [String(sascha), String(anouk), String(jeroen), '0', '-1', 'abc', '99999999', '']) {
		const res = await post('jeroen', `${O}/me/impact/share`, { viewer }, `${O}/me/impact`);
		assert.equal(res.status, 422, `viewer ${viewer}`);
		assert.match(textOf(res.body), /Kies een beheerder uit de lijst/);
	}
	// another organisation's beheerder (henk): refused as well
	const henk = await henkId();
	assert.equal((await post('jeroen', `${O}/me/impact/share`, { viewer: String(henk) }, `${O}/me/impact`)).status, 422);
	// the choice list holds only De Sleutel's beheerders
	const page = await c.jeroen.get(`${O}/me/impact`);
	assert.match(page.body, new RegExp(`<option value="${marieke}"`));
	assert.doesNotMatch(page.body, new RegExp(`<option value="${sascha}"`));
	// Sascha made beheerder, chosen, then medewerker again: the share no longer counts
	assert.equal((await post('marieke', `${O}/people/${sascha}/role`, { role: 'beheerder' }, `${O}/people/${sascha}`)).status, 303);
	assert.equal((await post('jeroen', `${O}/me/impact/share`, { viewer: String(sascha) }, `${O}/me/impact`)).status, 303);
	assert.ok((await c.sascha.get(`${O}/people/${jeroen}/impact`)).body.includes('GEHEIM-PLAN'), 'the chosen beheerder reads it');
	assert.match(textOf((await c.jeroen.get(`${O}/me/impact`)).body), /gedeeld met Sascha/);
	assert.equal((await post('marieke', `${O}/people/${sascha}/role`, { role: 'medewerker' }, `${O}/people/${sascha}`)).status, 303);
	assert.equal((await c.sascha.get(`${O}/people/${jeroen}/impact`)).status, 403);
	assert.match(textOf((await c.jeroen.get(`${O}/me/impact`)).body), /Je plan is met niemand gedeeld/, 'the share ended with her role');
	// the share row went with her role: made beheerder again, she still does not read it
	assert.equal((await post('marieke', `${O}/people/${sascha}/role`, { role: 'beheerder' }, `${O}/people/${sascha}`)).status, 303);
	assert.match(textOf((await c.jeroen.get(`${O}/me/impact`)).body), /Je plan is met niemand gedeeld/, 'no share comes back');
	assert.ok(!(await c.sascha.get(`${O}/people/${jeroen}/impact`)).body.includes('GEHEIM-PLAN'), 'not readable after re-promotion');
	assert.equal((await post('marieke', `${O}/people/${sascha}/role`, { role: 'medewerker' }, `${O}/people/${sascha}`)).status, 303);
	await post('jeroen', `${O}/me/impact/unshare`, {}, `${O}/me/impact`);
});

test('another organisation\'s people and bad ids', async () => {
	const henk = await henkId();
	// henk is not a member of De Sleutel: 404 for Marieke
	assert.equal((await c.marieke.get(`${O}/people/${henk}/impact`)).status, 404);
	for (const id of ['0', '-1', 'abc', '99999999', '9007199254740992'])
		assert.equal((await c.marieke.get(`${O}/people/${id}/impact`)).status, 404, `id ${id}`);
	for (const q of ['versie=0', 'versie=abc', 'versie=-1'])
		assert.equal((await c.jeroen.get(`${O}/me/impact?${q}`)).status, 200, q);
});

test('server stops cleanly (exit 0, no sanitizer report)', async () => {
	await server.stop();
});
