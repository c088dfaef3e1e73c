/*
 * goals.test.mjs - HTTP tests of step 5 and 6 (issue 9, goals): who may
 * read and write which goal, an ambassadeur of another community (404 by
 * address, refused for a foreign id in a form), another organisation, a
 * version conflict that loses nothing, bad input beside the field with
 * what was typed kept, a delete that asks first and is audited, progress
 * that moves with a measurement, and the agreed roles of step 6. Runs on
 * SQLite, or on PostgreSQL with KRING_TEST_PG.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, USERS, csrfFrom, unescapeHtml } from './helpers.mjs';

const server = new Server();
const c = {};
const O = `/o/${ORG}`;
const TAAL = 1; // the demo's Taalcafé, where fatima is ambassadeur
let heikant; // another community of De Sleutel, without fatima

before(async () => {
	await server.start();
	const names = ['sascha', 'fatima', 'anouk', 'marieke', 'henk'];
	await Promise.all(
		names.map(async (n, i) => {
			c[n] = new Client(server, { localAddress: `127.0.0.${71 + i}` });
			await c[n].login(USERS[n]);
		}),
	);
	const overview = await c.sascha.get(`${O}/goals`);
	assert.equal(overview.status, 200);
	const ids = [...overview.body.matchAll(/\/communities\/(\d+)\/goals"/g)].map((m) => Number(m[1]));
	heikant = ids.find((id) => id !== TAAL);
	assert.ok(heikant, 'the demo has goals of a second community');
});
after(() => server.stop());

const goalsUrl = (id) => `${O}/communities/${id}/goals`;

/* Ids of the shared goals and subgoals on a goals page. */
async function idsOn(client, community) {
	const res = await client.get(goalsUrl(community));
	assert.equal(res.status, 200);
	return {
		body: res.body,
		csrf: csrfFrom(res.body),
		goals: [...res.body.matchAll(/<article class="kring-goal" id="doel-(\d+)"/g)].map((m) => Number(m[1])),
		subgoals: [...res.body.matchAll(/id="subdoel-(\d+)"/g)].map((m) => Number(m[1])),
	};
}

function text(html) {
	return unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

test('who reads and who writes: staff and ambassadeurs write, advisers read, others see nothing', async () => {
	const staff = await c.sascha.get(goalsUrl(TAAL));
	assert.equal(staff.status, 200);
	for (const words of ['Doel voor de bibliotheek', 'Doel voor de deelnemers', 'Gezamenlijke doelen', 'SMART', 'Wie doet wat'])
		assert.ok(text(staff.body).includes(words), words);
	assert.match(staff.body, /method="post" action="\/o\/de-sleutel\/communities\/1\/goals"/);
	// the adviser reads without a single form to change anything
	const adviser = await c.anouk.get(goalsUrl(TAAL));
	assert.equal(adviser.status, 200);
	assert.ok(text(adviser.body).includes('Meer vaste deelnemers aan het taalcafé'));
	assert.doesNotMatch(adviser.body, /method="post" action="\/o\/de-sleutel\/communities/);
	// the ambassadeur: their own community; another community is not there at all
	assert.equal((await c.fatima.get(goalsUrl(TAAL))).status, 200);
	const other = await c.fatima.get(goalsUrl(heikant));
	assert.equal(other.status, 404);
	assert.equal((await c.fatima.get(`${O}/communities/${heikant}/subgoals/new`)).status, 404);
	// another organisation's beheerder gets the same 404 as for nothing
	assert.equal((await c.henk.get(goalsUrl(TAAL))).status, 404);
	assert.equal((await c.henk.get(`${O}/goals`)).status, 404);
	// the overview: the ambassadeur sees only their own communities
	const mine = await c.fatima.get(`${O}/goals`);
	assert.equal(mine.status, 200);
	assert.ok(mine.body.includes(`/communities/${TAAL}/goals"`));
	assert.ok(!mine.body.includes(`/communities/${heikant}/goals"`), 'not another community');
	// the community's profile shows its goals and links to them
	const profile = await c.sascha.get(`${O}/communities/${TAAL}`);
	assert.match(profile.body, /id="doelen"/);
	assert.ok(profile.body.includes(`href="${goalsUrl(TAAL)}"`));
	assert.match(profile.body, /<progress max="100" value="\d+" aria-label="[^"]+"/);
});

test('the library goal is staff work; the ambassadeur writes a shared goal under their own name', async () => {
	const page = await idsOn(c.fatima, TAAL);
	assert.ok(text(page.body).includes('Dit doel schrijven de medewerkers van de bibliotheek; jij leest mee.'));
	const lib = /id="doel-library"[\s\S]*?<\/section>/.exec(page.body)[0];
	assert.doesNotMatch(lib, /<form/, 'no form for the library goal');
	const libId = Number(/\/goals\/(\d+)/.exec(
		(await idsOn(c.sascha, TAAL)).body.match(/id="doel-library"[\s\S]*?<\/section>/)[0])[1]);
	let res = await c.fatima.post(`${goalsUrl(TAAL)}/${libId}`, { csrf: page.csrf, text: 'Mijn doel', version: '1' });
	assert.equal(res.status, 403);
	res = await c.fatima.post(goalsUrl(TAAL), { csrf: page.csrf, kind: 'library', text: 'Mijn doel' });
	assert.equal(res.status, 403);
	res = await c.anouk.post(goalsUrl(TAAL), { csrf: await c.anouk.csrf(goalsUrl(TAAL)), kind: 'shared', text: 'Van de adviseur' });
	assert.equal(res.status, 403);
	res = await c.fatima.post(goalsUrl(TAAL), { csrf: page.csrf, kind: 'shared', text: 'Elke maand een avond door de groep zelf' });
	assert.equal(res.status, 303);
	const after = await c.sascha.get(goalsUrl(TAAL));
	assert.ok(text(after.body).includes('Elke maand een avond door de groep zelf door Fatima El Amrani, ambassadeur'));
	// the shared goal is found by search, and leads to the overview of goals
	const found = await c.sascha.get(`${O}/search?q=avond`);
	assert.equal(found.status, 200);
	assert.match(found.body, /<h2 class="utrecht-heading-2" id="h-goal">Gezamenlijke doelen/);
	const link = /href="(\/o\/de-sleutel\/goals#doel-(\d+))"/.exec(found.body);
	assert.ok(link, 'a link to the goal');
	const overview = await c.sascha.get(link[1].split('#')[0]);
	assert.ok(overview.body.includes(`id="doel-${link[2]}"`));
});

test('a version conflict loses nothing: the newer text and the typed one are both on the page', async () => {
	const page = await idsOn(c.sascha, TAAL);
	const id = page.goals[0];
	const version = Number(new RegExp(`action="${goalsUrl(TAAL)}/${id}" novalidate><input type="hidden" name="csrf" value="[^"]*"><input type="hidden" name="version" value="(\\d+)"`).exec(page.body)[1]);
	const fcsrf = await c.fatima.csrf(goalsUrl(TAAL));
	let res = await c.sascha.post(`${goalsUrl(TAAL)}/${id}`, { csrf: page.csrf, text: 'Versie van Sascha', version: String(version) });
	assert.equal(res.status, 303);
	res = await c.fatima.post(`${goalsUrl(TAAL)}/${id}`, { csrf: fcsrf, text: 'Versie van Fatima', version: String(version) });
	assert.equal(res.status, 409);
	assert.ok(res.body.includes('Versie van Sascha'), 'the newer text');
	assert.match(res.body, /<textarea[^>]*>Versie van Fatima<\/textarea>/, 'the typed text, in the box');
	assert.ok(res.body.includes(`name="version" value="${version + 1}"`), 'saving again goes over the newer version');
	res = await c.fatima.post(`${goalsUrl(TAAL)}/${id}`, { csrf: fcsrf, text: 'Versie van Fatima', version: String(version + 1) });
	assert.equal(res.status, 303);
	const now = await c.sascha.get(goalsUrl(TAAL));
	assert.ok(text(now.body).includes(`Geschiedenis: ${version + 2} versies`));
	// a version is read strictly
	res = await c.sascha.post(`${goalsUrl(TAAL)}/${id}`, { csrf: page.csrf, text: 'X', version: `${version + 2}abc` });
	assert.equal(res.status, 422);
});

test('bad input: a Dutch message beside the field, and what was typed is kept', async () => {
	const { goals, csrf } = await idsOn(c.sascha, TAAL);
	const base = { csrf, goal: String(goals[0]), title: 'Meer leden', measure: 'members', baseline: '10', baseline_on: '2026-01-01', target: '20', deadline: '2027-06-30' };
	const cases = [
		[{ target: 'veel' }, 'Vul een heel getal in', 'value="veel"'],
		[{ target: '-5' }, 'niet negatief', 'value="-5"'],
		[{ target: '1000000000000' }, 'te groot', 'value="1000000000000"'],
		[{ deadline: '2027-02-31' }, 'bestaande datum', 'value="2027-02-31"'],
		[{ deadline: '2025-06-30' }, 'vóór de datum van de beginwaarde', 'value="2025-06-30"'],
		[{ measure: 'made_by', target: '150' }, 'hoogstens 100', 'value="150"'],
		[{ measure: 'custom' }, 'Geef een naam', 'value="Meer leden"'],
		[{ title: 'x'.repeat(100000) }, 'hoogstens 200 tekens', 'Meer leden'.length ? 'x'.repeat(200) : ''],
	];
	for (const [change, message, kept] of cases) {
		const res = await c.sascha.post(`${O}/communities/${TAAL}/subgoals/new`, { ...base, ...change });
		assert.equal(res.status, 422, JSON.stringify(change).slice(0, 80));
		assert.ok(unescapeHtml(res.body).includes(message), `${message}: ${text(res.body).slice(0, 300)}`);
		assert.ok(res.body.includes(kept), `kept: ${kept.slice(0, 40)}`);
		assert.match(res.body, /class="utrecht-form-field-error-message[^"]*"/);
	}
	// a goal of 100 000 characters: refused beside its box, the text kept (up to what fits)
	const long = await c.sascha.post(goalsUrl(TAAL), { csrf, kind: 'shared', text: 'y'.repeat(100000) });
	assert.equal(long.status, 422);
	assert.ok(unescapeHtml(long.body).includes('hoogstens 2000 tekens'));
	assert.match(long.body, /<textarea[^>]*>y{2000}/);
	const before = await idsOn(c.sascha, TAAL);
	// a measurement that is no number comes back on the goals page, beside its field
	const sub = before.subgoals[0];
	const res = await c.sascha.post(`${O}/communities/${TAAL}/subgoals/${sub}/measurements`, { csrf, measured_on: '2026-03-01', value: 'twaalf' });
	assert.equal(res.status, 422);
	assert.ok(res.body.includes('Vul een heel getal in'));
	assert.ok(res.body.includes('value="twaalf"'));
	const after = await idsOn(c.sascha, TAAL);
	assert.deepEqual(after.subgoals, before.subgoals, 'nothing was added');
});

test('a foreign id in a form is refused: another community\'s goal, subgoal or measurement', async () => {
	const theirs = await idsOn(c.sascha, heikant);
	assert.ok(theirs.goals.length > 0 && theirs.subgoals.length > 0);
	const csrf = await c.fatima.csrf(goalsUrl(TAAL));
	const before = (await idsOn(c.sascha, TAAL)).subgoals.length;
	// a subgoal under another community's goal, posted to the ambassadeur's own community
	let res = await c.fatima.post(`${O}/communities/${TAAL}/subgoals/new`, {
		csrf, goal: String(theirs.goals[0]), title: 'Stiekem', measure: 'members', target: '5',
	});
	assert.equal(res.status, 404);
	assert.ok(res.body.includes('value="Stiekem"'), 'the typed text stays');
	// a measurement or a change on another community's subgoal, by its own community's address
	res = await c.fatima.post(`${O}/communities/${TAAL}/subgoals/${theirs.subgoals[0]}/measurements`, { csrf, measured_on: '2026-03-01', value: '99' });
	assert.equal(res.status, 404);
	res = await c.fatima.post(`${O}/communities/${TAAL}/subgoals/${theirs.subgoals[0]}`, { csrf, title: 'Overgenomen', measure: 'members', version: '1' });
	assert.equal(res.status, 404);
	res = await c.fatima.post(`${O}/communities/${TAAL}/goals/${theirs.goals[0]}`, { csrf, text: 'Overgenomen', version: '1' });
	assert.equal(res.status, 404);
	// and by the other community's address: not theirs to see
	res = await c.fatima.post(`${O}/communities/${heikant}/subgoals/${theirs.subgoals[0]}/measurements`, { csrf, measured_on: '2026-03-01', value: '99' });
	assert.equal(res.status, 404);
	// an owner who is not staff nor an ambassadeur of this community is no choice
	res = await c.fatima.post(`${O}/communities/${TAAL}/subgoals/new`, {
		csrf, goal: String((await idsOn(c.sascha, TAAL)).goals[0]), title: 'Eigenaar', measure: 'members', owner: '999999',
	});
	assert.equal(res.status, 422);
	const after = await idsOn(c.sascha, heikant);
	assert.ok(!text(after.body).includes('Overgenomen'));
	assert.ok(!text(after.body).includes(': 99'));
	assert.equal((await idsOn(c.sascha, TAAL)).subgoals.length, before, 'nothing was added');
	// another organisation
	const hcsrf = await c.henk.csrf('/o/het-baken/');
	res = await c.henk.post(`${O}/communities/${TAAL}/subgoals/new`, { csrf: hcsrf, goal: String(theirs.goals[0]), title: 'X', measure: 'members' });
	assert.equal(res.status, 404);
});

test('two SMART subgoals, a measurement moves the progress, a delete asks first and is audited', async () => {
	const { goals, csrf } = await idsOn(c.fatima, TAAL);
	const goal = String(goals[0]);
	const next = new Date(Date.now() + 200 * 86400e3).toISOString().slice(0, 10);
	const start = new Date(Date.now() - 100 * 86400e3).toISOString().slice(0, 10);
	let res = await c.fatima.post(`${O}/communities/${TAAL}/subgoals/new`, {
		csrf, goal, title: 'Vaste kookploeg', measure: 'members', baseline: '2', baseline_on: start, target: '12', deadline: next,
	});
	assert.equal(res.status, 303);
	const sub = Number(/#subdoel-(\d+)$/.exec(res.headers.location)[1]);
	res = await c.fatima.post(`${O}/communities/${TAAL}/subgoals/new`, {
		csrf, goal, title: 'Avonden door de groep', measure: 'custom', measure_name: 'kookavonden', target: '6',
	});
	assert.equal(res.status, 303);
	let page = await c.sascha.get(goalsUrl(TAAL));
	let item = new RegExp(`id="subdoel-${sub}"[\\s\\S]*?</li>`).exec(page.body)[0];
	assert.ok(text(item).includes('Nu – · begin 2 · doel 12'));
	assert.ok(text(item).includes('Nog niet te zeggen'));
	// the second one is not SMART yet: said in plain Dutch, saved anyway
	assert.ok(text(page.body).includes('Er is nog geen deadline'));
	res = await c.fatima.post(`${O}/communities/${TAAL}/subgoals/${sub}/measurements`, { csrf, measured_on: new Date().toISOString().slice(0, 10), value: '9' });
	assert.equal(res.status, 303);
	page = await c.sascha.get(goalsUrl(TAAL));
	item = new RegExp(`id="subdoel-${sub}"[\\s\\S]*?</li>`).exec(page.body)[0];
	assert.ok(text(item).includes('Op schema Nu 9 · begin 2 · doel 12'), text(item).slice(0, 200));
	assert.match(item, /<progress max="100" value="70" aria-label="70% van de weg naar het doel afgelegd">/);
	assert.ok(text(item).includes('door Fatima El Amrani, ambassadeur'));
	// deleting the measurement asks first, then the progress goes back
	const mid = Number(new RegExp(`/communities/${TAAL}/measurements/(\\d+)/delete`).exec(item)[1]);
	res = await c.fatima.get(`${O}/communities/${TAAL}/measurements/${mid}/delete`);
	assert.equal(res.status, 200);
	assert.ok(text(res.body).includes('Ja, haal de meting weg'));
	res = await c.fatima.post(`${O}/communities/${TAAL}/measurements/${mid}/delete`, { csrf, version: '1' });
	assert.equal(res.status, 303);
	page = await c.sascha.get(goalsUrl(TAAL));
	assert.ok(!text(new RegExp(`id="subdoel-${sub}"[\\s\\S]*?</li>`).exec(page.body)[0]).includes('Nu 9'));
	// deleting the subgoal asks first and names the version it saw
	res = await c.sascha.get(`${O}/communities/${TAAL}/subgoals/${sub}/delete`);
	assert.equal(res.status, 200);
	assert.ok(text(res.body).includes('Ja, haal het subdoel weg'));
	res = await c.sascha.post(`${O}/communities/${TAAL}/subgoals/${sub}/delete`, { csrf: csrfFrom(res.body), version: '7' });
	assert.equal(res.status, 409);
	res = await c.sascha.post(`${O}/communities/${TAAL}/subgoals/${sub}/delete`, { csrf: csrfFrom(page.body), version: '1' });
	assert.equal(res.status, 303);
	assert.ok(!(await c.sascha.get(goalsUrl(TAAL))).body.includes(`id="subdoel-${sub}"`));
	const audit = await c.marieke.get(`${O}/audit`);
	for (const words of ['Subdoel weggehaald', 'Meting weggehaald', 'Meting toegevoegd', 'Subdoel toegevoegd'])
		assert.ok(text(audit.body).includes(words), words);
	assert.ok(text(audit.body).includes('Vaste kookploeg'));
});

test('a subgoal changed by two people: the conflict shows both and keeps what was typed', async () => {
	const { subgoals, csrf } = await idsOn(c.sascha, TAAL);
	const sub = subgoals[0];
	const form = await c.sascha.get(`${O}/communities/${TAAL}/subgoals/${sub}`);
	assert.equal(form.status, 200);
	const version = /name="version" value="(\d+)"/.exec(form.body)[1];
	const fields = { csrf, title: 'Titel van Sascha', measure: 'members', target: '40', version };
	let res = await c.sascha.post(`${O}/communities/${TAAL}/subgoals/${sub}`, fields);
	assert.equal(res.status, 303);
	res = await c.fatima.post(`${O}/communities/${TAAL}/subgoals/${sub}`, { ...fields, csrf: await c.fatima.csrf(goalsUrl(TAAL)), title: 'Titel van Fatima' });
	assert.equal(res.status, 409);
	assert.ok(res.body.includes('Titel van Sascha'));
	assert.ok(res.body.includes('value="Titel van Fatima"'));
});

test('step 6: who does what, agreed and attributed', async () => {
	const csrf = await c.fatima.csrf(goalsUrl(TAAL));
	let res = await c.fatima.post(`${O}/communities/${TAAL}/agreements`, { csrf, side: 'ambassadors', text: 'Brengen de recepten mee', agreed_with: 'Sascha', agreed_on: '2026-05-01' });
	assert.equal(res.status, 303);
	assert.match(res.headers.location, /#afspraken$/);
	res = await c.fatima.post(`${O}/communities/${TAAL}/agreements`, { csrf, side: 'ambassadors', text: '', agreed_on: '2026-02-31' });
	assert.equal(res.status, 422);
	const page = await c.anouk.get(goalsUrl(TAAL));
	const section = /id="afspraken"[\s\S]*?<\/section>/.exec(page.body)[0];
	assert.ok(text(section).includes('Brengen de recepten mee'));
	assert.ok(text(section).includes('afgesproken met Sascha op 1 mei 2026 (door Fatima El Amrani, ambassadeur)'));
	assert.doesNotMatch(section, /<form/, 'the adviser reads only');
});
