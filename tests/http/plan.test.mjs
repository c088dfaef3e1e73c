/*
 * plan.test.mjs - HTTP tests of issue 11b: Lankes's cycle with its four
 * conditions, the POST-O and the project plan of a community. Who reads and
 * who writes (advisers read, ambassadeurs of another community and other
 * organisations see nothing), a move of the cycle that lands on the
 * timeline, bad dates, money and hours refused beside the field with what
 * was typed kept, exact totals, foreign owners and goals refused, an
 * ambassadeur who changes only the task they own, version conflicts that
 * lose nothing, and a delete that names its version. Runs on SQLite, or on
 * PostgreSQL with KRING_TEST_PG.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, USERS, csrfFrom, hiddenValue, textOf } from './helpers.mjs';

const server = new Server();
const c = {};
const O = `/o/${ORG}`;
const TAAL = 1; // the demo's Taalcafé, where fatima is ambassadeur
const HEIKANT = 2; // another community of De Sleutel, without fatima

before(async () => {
	await server.start();
	const names = ['sascha', 'fatima', 'anouk', 'henk', 'jeroen', 'marieke'];
	await Promise.all(
		names.map(async (n, i) => {
			c[n] = new Client(server, { localAddress: `127.0.0.${121 + i}` });
			await c[n].login(USERS[n]);
		}),
	);
});
after(() => server.stop());

const url = (id, rest) => `${O}/communities/${id}/${rest}`;
const today = () => new Date().toLocaleDateString('sv-SE');

/* The tasks on a plan page: id, edit link or not. */
async function tasks(client, community) {
	const res = await client.get(url(community, 'plan'));
	assert.equal(res.status, 200);
	return {
		body: res.body,
		ids: [...res.body.matchAll(/<tr id="taak-(\d+)"/g)].map((m) => Number(m[1])),
		editable: [...res.body.matchAll(/href="\/o\/de-sleutel\/communities\/\d+\/plan\/(\d+)"/g)].map((m) => Number(m[1])),
	};
}

/* A task form posted: the new-task form's token and the given fields. */
async function postTask(client, community, path, fields) {
	const page = await client.get(url(community, path));
	assert.equal(page.status, 200, `${path}: ${page.status}`);
	const version = hiddenValue(page.body, 'version');
	return client.post(url(community, path), {
		csrf: csrfFrom(page.body),
		status: 'open',
		...(version ? { version } : {}),
		...fields,
	});
}

test('who reads and who writes: advisers read, others see nothing', async () => {
	for (const p of ['cycle', 'post-o', 'plan']) {
		const staff = await c.sascha.get(url(TAAL, p));
		assert.equal(staff.status, 200, p);
		assert.ok(staff.body.includes('method="post"'), `${p}: staff get a form`);
		const adviser = await c.anouk.get(url(TAAL, p));
		assert.equal(adviser.status, 200, `${p}: an adviser reads`);
		assert.ok(!adviser.body.includes(`action="${url(TAAL, p)}"`), `${p}: no form for an adviser`);
		assert.equal((await c.henk.get(url(TAAL, p))).status, 404, `${p}: another organisation`);
		assert.equal((await c.fatima.get(url(HEIKANT, p))).status, 404, `${p}: not her community`);
		assert.equal((await c.fatima.get(url(TAAL, p))).status, 200, `${p}: her community`);
	}
	const cycle = await c.sascha.get(url(TAAL, 'cycle'));
	for (const words of ['Gedeelde activiteit', 'Kenniscreatie', 'Gedeeld eigenaarschap', 'Sociale impact', 'Toegang', 'Omgeving', 'Motivatie'])
		assert.ok(textOf(cycle.body).includes(words), words);
	const csrf = csrfFrom(cycle.body);
	const res = await c.anouk.post(url(TAAL, 'cycle'), { csrf: await c.anouk.csrf(url(TAAL, 'cycle')), stage: 'impact', since_on: today() });
	assert.equal(res.status, 403, 'an adviser moves nothing');
	assert.ok(csrf);
	// the POST-O is staff work; an ambassadeur reads it
	const po = await c.fatima.get(url(TAAL, 'post-o'));
	assert.ok(!po.body.includes(`action="${url(TAAL, 'post-o')}"`));
	const refused = await c.fatima.post(url(TAAL, 'post-o'), { csrf: csrfFrom(po.body), people: 'x' });
	assert.equal(refused.status, 403);
	assert.equal((await c.fatima.get(url(TAAL, 'plan/new'))).status, 403, 'an ambassadeur plans no new task');
});

test('moving the cycle on is dated, kept as history and shown on the timeline and the community page', async () => {
	const page = await c.fatima.get(url(TAAL, 'cycle'));
	const csrf = csrfFrom(page.body);
	// a date in the future, or no stage: refused beside the field, typed text kept
	let res = await c.fatima.post(url(TAAL, 'cycle'), { csrf, stage: 'knowledge', since_on: '2999-01-01', note: 'Zelf gemaakt boekje' });
	assert.equal(res.status, 422);
	assert.ok(textOf(res.body).includes('Kies een datum van vandaag of eerder.'));
	assert.ok(res.body.includes('Zelf gemaakt boekje'));
	res = await c.fatima.post(url(TAAL, 'cycle'), { csrf, stage: 'fun', since_on: today() });
	assert.equal(res.status, 422);
	res = await c.fatima.post(url(TAAL, 'cycle'), { csrf, stage: 'knowledge', since_on: today(), note: 'Een boekje met <b>recepten</b> gemaakt' });
	assert.equal(res.status, 303);
	assert.match(res.headers.location, /\/cycle\?klaar=fase#fase$/);
	const notice = await c.fatima.get(res.headers.location.split('#')[0]);
	assert.ok(textOf(notice.body).includes('De fase is vastgelegd.'));
	const after = await c.sascha.get(url(TAAL, 'cycle'));
	assert.match(after.body, /aria-current="step"><strong>Kenniscreatie<\/strong>/);
	assert.ok(after.body.includes('Een boekje met &lt;b&gt;recepten&lt;/b&gt; gemaakt'), 'the note is escaped');
	assert.ok(textOf(after.body).includes('Fatima El Amrani (ambassadeur)'));
	const profile = await c.sascha.get(`${O}/communities/${TAAL}`);
	assert.equal(profile.status, 200);
	const words = textOf(profile.body);
	assert.ok(words.includes('Fase in de kenniscyclus: Kenniscreatie'), 'the community page shows the stage');
	assert.ok(profile.body.includes(`href="${url(TAAL, 'cycle')}"`));
	assert.ok(profile.body.includes(`href="${url(TAAL, 'post-o')}"`));
	assert.ok(profile.body.includes(`href="${url(TAAL, 'plan')}"`));
	assert.ok(profile.body.includes('kring-tl__item--cycle'), 'the move is on the timeline');
	// a condition rated: current rating and history
	res = await c.sascha.post(url(TAAL, 'cycle/conditions'), { csrf: csrfFrom(after.body), condition: 'environment', rating: 'weak', rated_on: today(), note: 'Verbouwing: geen zaal' });
	assert.equal(res.status, 303);
	const rated = await c.sascha.get(url(TAAL, 'cycle'));
	assert.ok(textOf(rated.body).includes('Verbouwing: geen zaal'));
	res = await c.sascha.post(url(TAAL, 'cycle/conditions'), { csrf: csrfFrom(rated.body), condition: 'money', rating: 'weak', rated_on: today() });
	assert.equal(res.status, 422);
});

test('POST-O: nothing required, versions kept, a conflict loses nothing', async () => {
	const page = await c.sascha.get(url(HEIKANT, 'post-o'));
	const version = hiddenValue(page.body, 'version');
	assert.ok(version, 'the demo wrote a POST-O for Heikant');
	assert.ok(textOf(page.body).includes('De doelen uit stap 5'), 'Objectives shows the goals');
	const csrf = csrfFrom(page.body);
	// all empty is fine: "het moet geen invuloefening worden"
	let res = await c.sascha.post(url(HEIKANT, 'post-o'), { csrf, version });
	assert.equal(res.status, 303);
	// two people start from the same version: the second sees both texts
	const a = await c.sascha.get(url(HEIKANT, 'post-o'));
	const v2 = hiddenValue(a.body, 'version');
	res = await c.sascha.post(url(HEIKANT, 'post-o'), { csrf, version: v2, strategy: 'Een reparatiemiddag per maand' });
	assert.equal(res.status, 303);
	res = await c.jeroen.post(url(HEIKANT, 'post-o'), { csrf: await c.jeroen.csrf(url(HEIKANT, 'post-o')), version: v2, strategy: 'Elke week open' });
	assert.equal(res.status, 409);
	assert.ok(res.body.includes('Een reparatiemiddag per maand'), 'what was saved meanwhile');
	assert.ok(res.body.includes('Elke week open'), 'what was typed');
	const now = await c.sascha.get(url(HEIKANT, 'post-o'));
	assert.ok(now.body.includes('Een reparatiemiddag per maand'));
	assert.ok(textOf(now.body).includes('Eerdere versies'));
	// a field too long is refused beside it
	res = await c.sascha.post(url(HEIKANT, 'post-o'), { csrf, version: hiddenValue(now.body, 'version'), people: 'x'.repeat(9000) });
	assert.equal(res.status, 422);
});

test('money and hours: nonsense refused beside the field, the typed text kept, totals exact', async () => {
	const bad = [
		['planned_money', 'twaalf', 'Dit is geen bedrag.'],
		['spent_money', '-5', 'Een bedrag kan niet negatief zijn.'],
		['planned_money', '1000000000000000', 'Dit bedrag is te groot'],
		['spent_money', '12,505', 'Typ hoogstens twee cijfers achter de komma'],
		['planned_hours', 'veel', 'Dit is geen aantal uren.'],
		['spent_hours', '-2', 'Uren kunnen niet negatief zijn.'],
		['planned_hours', '1000000000000000', 'Dat zijn te veel uren'],
		['spent_hours', '0,333', 'Typ uren in hele minuten'],
	];
	const before = await tasks(c.sascha, HEIKANT);
	for (const [field, value, message] of bad) {
		const res = await postTask(c.sascha, HEIKANT, 'plan/new', { title: 'Gereedschap', [field]: value });
		assert.equal(res.status, 422, `${field}=${value}`);
		assert.ok(textOf(res.body).includes(message), `${field}=${value}: ${message}`);
		assert.ok(res.body.includes(`value="${value}"`), `${field}=${value}: typed text kept`);
		assert.match(res.body, new RegExp(`id="f-${field}-error"|aria-describedby="[^"]*f-${field}`), 'beside the field');
	}
	assert.equal((await tasks(c.sascha, HEIKANT)).ids.length, before.ids.length, 'nothing stored');
	// exact totals: € 1.234,56 + € 0,10 + € 0,20 and 1,5 + 1:20 hours
	const fresh = await c.sascha.get(url(4, 'plan'));
	assert.equal(fresh.status, 200);
	for (const [money, hours] of [['€ 1.234,56', '1,5'], ['0,10', '1:20'], ['0.20', '']]) {
		const res = await postTask(c.sascha, 4, 'plan/new', { title: `Taak ${money}`, planned_money: money, spent_hours: hours, due_on: '2030-01-01' });
		assert.equal(res.status, 303, `${money}: ${res.status} ${textOf(res.body).slice(0, 300)}`);
	}
	const plan = await c.sascha.get(url(4, 'plan'));
	const words = textOf(plan.body);
	assert.ok(words.includes('€ 1.234,86 / € 0,00'), `total money: ${words}`);
	assert.ok(words.includes('0 / 2:50'), 'total hours: 1,5 + 1:20 = 2:50');
});

test('owners and goals of another community are refused in core', async () => {
	const form = await c.sascha.get(url(TAAL, 'plan/new'));
	const owners = [...form.body.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
	assert.ok(owners.length >= 2);
	// a person who is neither staff nor ambassadeur of this community
	let res = await postTask(c.sascha, TAAL, 'plan/new', { title: 'X', owner: String(Math.max(...owners) + 1000) });
	assert.ok([404, 422].includes(res.status), `foreign owner: ${res.status}`);
	// a goal of Heikant on a Taalcafé task
	const heik = await c.sascha.get(url(HEIKANT, 'plan/new'));
	const goal = /<option value="(g\d+)"/.exec(heik.body)[1];
	res = await postTask(c.sascha, TAAL, 'plan/new', { title: 'X', serves: goal });
	assert.ok([404, 422].includes(res.status), `foreign goal: ${res.status}`);
	// another community's task through this community's address
	const taal = await tasks(c.sascha, TAAL);
	assert.equal((await c.sascha.get(url(HEIKANT, `plan/${taal.ids[0]}`))).status, 404);
	assert.equal((await c.henk.get(url(TAAL, `plan/${taal.ids[0]}`))).status, 404);
});

test('an ambassadeur changes the task she owns, and only that one; conflicts and deletes name their version', async () => {
	const mine = await tasks(c.fatima, TAAL);
	assert.ok(mine.editable.length >= 1, 'fatima owns a task in the demo');
	const other = mine.ids.find((id) => !mine.editable.includes(id));
	assert.ok(other, 'a task of someone else');
	assert.equal((await c.fatima.get(url(TAAL, `plan/${other}`))).status, 404);
	let res = await c.fatima.post(url(TAAL, `plan/${other}`), { csrf: csrfFrom(mine.body), title: 'Van mij', status: 'done', version: '1' });
	assert.equal(res.status, 404);
	const id = mine.editable[0];
	const edit = await c.fatima.get(url(TAAL, `plan/${id}`));
	assert.equal(edit.status, 200);
	assert.ok(!edit.body.includes('name="owner"'), 'she does not hand it to someone else');
	const version = hiddenValue(edit.body, 'version');
	res = await c.fatima.post(url(TAAL, `plan/${id}`), { csrf: csrfFrom(edit.body), title: 'Welkomstmap', status: 'busy', spent_hours: '2', version });
	assert.equal(res.status, 303);
	// sascha saves from the same, now old, version: a conflict with both
	res = await c.sascha.post(url(TAAL, `plan/${id}`), { csrf: await c.sascha.csrf(url(TAAL, `plan/${id}`)), title: 'Welkomstmap drukken', status: 'open', owner: '', version });
	assert.equal(res.status, 409);
	assert.ok(res.body.includes('Welkomstmap drukken') && res.body.includes('Bezig'), 'both versions on the page');
	// the delete asks first and names the version
	const confirm = await c.sascha.get(url(TAAL, `plan/${id}/delete`));
	assert.equal(confirm.status, 200);
	const csrf = csrfFrom(confirm.body);
	res = await c.sascha.post(url(TAAL, `plan/${id}/delete`), { csrf, version });
	assert.equal(res.status, 409);
	res = await c.sascha.post(url(TAAL, `plan/${id}/delete`), { csrf, version: hiddenValue(confirm.body, 'version') });
	assert.equal(res.status, 303);
	assert.ok(!(await tasks(c.sascha, TAAL)).ids.includes(id));
	assert.equal((await c.fatima.post(url(TAAL, `plan/${other}/delete`), { csrf, version: '1' })).status, 403);
});

test('the plan joins the signals: a task past its date on Aandacht nodig, with the way to the plan', async () => {
	const res = await c.sascha.get(`${O}/signals`);
	assert.equal(res.status, 200);
	const words = textOf(res.body);
	assert.ok(words.includes('Taken over datum'), 'the kind is named');
	assert.match(words, /1 taak van het projectplan is nog niet klaar na zijn datum/);
	assert.ok(res.body.includes(`href="${url(HEIKANT, 'plan')}"`), 'the way to the plan');
	const heik = await c.sascha.get(`${O}/communities/${HEIKANT}`);
	assert.ok(textOf(heik.body).includes('Projectplan: 3 taken, 1 over datum.'));
});

test('the audit log names the plan helper\'s actions in words, never as stored', async () => {
	const res = await c.marieke.get(`${O}/audit`);
	assert.equal(res.status, 200);
	const words = textOf(res.body);
	for (const label of ['Fase in de cyclus van een community gewijzigd', 'POST-O van een community opgeslagen', 'Taak in het projectplan gewijzigd', 'Taak uit het projectplan verwijderd'])
		assert.ok(words.includes(label), `the log reads "${label}"`);
	for (const raw of ['cycle.move', 'cycle.rate', 'posto.save', 'plan.add', 'plan.update', 'plan.delete'])
		assert.ok(!words.includes(raw), `no raw ${raw}`);
});
