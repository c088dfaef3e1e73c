/*
 * csrf.test.mjs - every POST needs the CSRF token bound to the visitor's own
 * session (or anonymous cookie); without it: 403 and nothing changes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, request, ORG, USERS, PASSWORD, TXT, FORM_CT, assertDutchError, branchRows, peopleRows } from './helpers.mjs';

const server = new Server();
let marieke, sascha;

before(async () => {
	await server.start();
	marieke = new Client(server);
	sascha = new Client(server);
	await Promise.all([marieke.login(USERS.marieke), sascha.login(USERS.sascha)]);
});
after(() => server.kill());

async function branchesPage() {
	const res = await marieke.get(`/o/${ORG}/branches`);
	assert.equal(res.status, 200);
	return res.body;
}

test('a branch added without a valid csrf token is refused with 403, and not added', async () => {
	const own = await marieke.csrf();
	const other = await sascha.csrf(); // valid, but for another session
	const anon = await new Client(server).csrf(); // valid for an anonymous cookie
	assert.notEqual(own, other);
	const attempts = [
		['no token', {}],
		['empty token', { csrf: '' }],
		['wrong token', { csrf: 'A'.repeat(own.length) }],
		['token with one character changed', { csrf: (own[0] === 'A' ? 'B' : 'A') + own.slice(1) }],
		['token of another session', { csrf: other }],
		['token of an anonymous visitor', { csrf: anon }],
		['token twice as long', { csrf: own + own }],
	];
	const before = await branchesPage();
	for (const [what, extra] of attempts) {
		const name = `CSRF-test ${what}`;
		const res = await marieke.post(`/o/${ORG}/branches`, { name, place: 'Nergens', ...extra });
		assertDutchError(res, 403, TXT.err403);
		assert.ok(!res.headers.location, `${what}: no redirect`);
		const after = await branchesPage();
		assert.ok(!after.includes(name), `${what}: the branch was not added`);
	}
	// the token in the query string instead of the form does not count either
	const q = await marieke.post(`/o/${ORG}/branches?csrf=${encodeURIComponent(own)}`, { name: 'CSRF-test query', place: 'x' });
	assert.equal(q.status, 403);
	const after = await branchesPage();
	assert.ok(!after.includes('CSRF-test'), 'no CSRF-test branch at all');
	assert.equal(after.replace(/name="csrf" value="[^"]*"/g, ''), before.replace(/name="csrf" value="[^"]*"/g, ''), 'page unchanged');

	// control: with her own token the very same form works
	const ok = await marieke.post(`/o/${ORG}/branches`, { name: 'CSRF-test met token', place: 'Hier', csrf: own });
	assert.equal(ok.status, 303);
	assert.ok((await branchesPage()).includes('CSRF-test met token'), 'added with the right token');
});

test('other forms refuse a missing or foreign token too: settings, rename, delete, roles, logout', async () => {
	const other = await sascha.csrf();
	const branchesBefore = branchRows(await branchesPage());
	const peopleBefore = peopleRows((await marieke.get(`/o/${ORG}/people`)).body);
	assert.equal(peopleBefore.find((p) => p.id === 2)?.name, 'Sascha de Vries', 'person 2 is sascha');
	const settings = await marieke.get(`/o/${ORG}/settings`);
	const version = /name="version" value="(\d+)"/.exec(settings.body)[1];
	for (const csrf of [undefined, other]) {
		const tok = csrf === undefined ? {} : { csrf };
		assert.equal(
			(await marieke.post(`/o/${ORG}/settings`, { name: 'Overgenomen', description: '', version, ...tok })).status,
			403,
		);
		assert.equal((await marieke.post(`/o/${ORG}/branches/1`, { name: 'Overgenomen', place: 'x', ...tok })).status, 403);
		assert.equal((await marieke.post(`/o/${ORG}/branches/1/delete`, tok)).status, 403);
		assert.equal((await marieke.post(`/o/${ORG}/people/2/role`, { role: 'beheerder', ...tok })).status, 403);
		assert.equal((await marieke.post(`/o/${ORG}/people/2/remove`, tok)).status, 403);
		assert.equal((await marieke.post('/logout', tok)).status, 403);
	}
	const now = await marieke.get(`/o/${ORG}/settings`);
	assert.equal(now.status, 200, 'still logged in');
	assert.ok(!now.body.includes('Overgenomen'), 'name unchanged');
	assert.equal(/name="version" value="(\d+)"/.exec(now.body)[1], version, 'version unchanged');
	const branchesAfter = branchRows(await branchesPage());
	assert.deepEqual(branchesAfter, branchesBefore, 'no branch renamed or deleted');
	assert.equal(branchesAfter.find((b) => b.id === 1)?.name, 'Hoofdvestiging De Sleutel', 'branch 1 still there, by its name');
	const people = peopleRows((await marieke.get(`/o/${ORG}/people`)).body);
	assert.deepEqual(people, peopleBefore, 'no role changed or taken away');
	assert.equal(people.find((p) => p.id === 2).role, 'Medewerker', 'sascha did not become beheerder');
});

test('a login without a valid csrf token is refused and gives no session', async () => {
	const c = new Client(server, { localAddress: '127.0.0.31' });
	await c.get('/login'); // has an anonymous cookie now
	const other = await new Client(server).csrf();
	for (const extra of [{}, { csrf: 'x' }, { csrf: other }]) {
		const res = await c.post('/login', { email: USERS.jeroen, password: PASSWORD, ...extra });
		assert.equal(res.status, 403);
		assert.ok(!res.cookies.kring_session, 'no session cookie');
	}
	// without any cookie at all
	const bare = await request(server, 'POST', '/login', {
		headers: { 'Content-Type': FORM_CT },
		body: new URLSearchParams({ email: USERS.jeroen, password: PASSWORD, csrf: other }).toString(),
	});
	assert.equal(bare.status, 403);
	assert.ok(!bare.cookies.kring_session);
});

test('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await server.stop();
});
