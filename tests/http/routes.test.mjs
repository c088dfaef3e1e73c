/*
 * routes.test.mjs - walks the whole route table (`kring routes`) and proves
 * that every route refuses whoever lacks the required role: a visitor who is
 * logged out, a person of another organisation (who gets the very same 404
 * as for an organisation that does not exist), and every lower role (403).
 * Roles that are allowed get their page. A route added to routes.def is
 * walked automatically; an access rule or role this test does not know
 * fails it, so the test has to be extended with it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, OTHER_ORG, USERS, routeTable, branchIds, personIds } from './helpers.mjs';

const server = new Server();
const table = routeTable();
const ROLE_OF = { beheerder: 'marieke', medewerker: 'sascha', adviseur: 'anouk', ambassadeur: 'fatima' };
const clients = {};
const tokens = {};

before(async () => {
	await server.start();
	const names = ['marieke', 'sascha', 'anouk', 'fatima', 'henk'];
	// each from its own address: logins in flight count toward the per-address throttle
	await Promise.all(
		names.map(async (n, i) => {
			clients[n] = new Client(server, { localAddress: `127.0.0.${61 + i}` });
			await clients[n].login(USERS[n]);
			tokens[n] = await clients[n].csrf();
		}),
	);
	clients.anon = new Client(server);
	tokens.anon = await clients.anon.csrf('/login');
});
after(() => server.kill());

/* A well-formed link token (43 base64url characters) that no meetlat round has. */
const TOKEN = 'A'.repeat(43);

function fill(pattern, org) {
	return pattern.replace(':org', org).replace(':id2', '1').replace(':id', '1').replace(':token', TOKEN);
}

/* One request of a route as client; POSTs carry the client's valid token. */
function call(who, route, org = ORG, fields = {}) {
	const c = clients[who];
	const url = fill(route.pattern, org);
	if (route.method === 'GET') return c.get(url);
	if (route.method === 'POST') return c.post(url, { ...fields, csrf: tokens[who] });
	assert.fail(`route ${route.method} ${route.pattern}: method this test does not know`);
}

// community routes are organisation routes whose :id is a community; the walk
// fills in community 1 (the demo's Taalcafé, where fatima is ambassadeur)
const orgRoutes = table.filter((r) => r.access === 'org' || r.access === 'community');

test('the route table is what this test understands', () => {
	assert.ok(table.length >= 17, `kring routes lists the routes (${table.length})`);
	const seen = new Set();
	for (const r of table) {
		const key = `${r.method} ${r.pattern}`;
		assert.ok(!seen.has(key), `${key} is listed once`);
		seen.add(key);
		assert.ok(['GET', 'POST'].includes(r.method), `${key}: known method`);
		assert.ok(['public', 'login', 'org', 'community', 'operator'].includes(r.access), `${key}: access rule "${r.access}" is walked by this test`);
		// the operator's address list is the access (metrics.test.mjs)
		if (r.access === 'operator') assert.deepEqual([key, r.roles], ['GET /metrics', []], 'only /metrics is for the operator');
		if (r.access === 'community')
			assert.ok(r.pattern.startsWith('/o/:org/communities/:id'), `${key}: a community route names its community`);
		assert.ok(r.pattern.startsWith('/'), key);
		for (const role of r.roles) assert.ok(role in ROLE_OF, `${key}: role "${role}" is walked by this test`);
		if (r.access === 'org' || r.access === 'community') {
			assert.ok(r.pattern.startsWith('/o/:org/'), `${key}: organisation routes live under /o/:org/`);
			assert.ok(r.roles.length > 0, `${key}: an org route names its roles`);
		} else if (r.access === 'public' && r.pattern.startsWith('/o/:org/') && r.pattern.endsWith('.ics')) {
			// calendar: a feed is public on purpose, the key in its query is the access
			assert.equal(r.method, 'GET', `${key}: a feed is only read`);
			assert.equal(r.roles.length, 0, `${key}: roles only for org routes`);
		} else if (r.access === 'public' && r.pattern.startsWith('/p/:org/')) {
			// public (issue 13): the public page of :org, for residents (off: 404)
			assert.equal(r.roles.length, 0, `${key}: roles only for org routes`);
		} else {
			assert.ok(!r.pattern.includes(':org'), `${key}: a route with :org must be an org route`);
			assert.equal(r.roles.length, 0, `${key}: roles only for org routes`);
		}
		const params = r.pattern.match(/:[a-z0-9]+/g) || [];
		for (const p of params) assert.ok([':org', ':id', ':id2', ':token'].includes(p), `${key}: parameter ${p} is filled in by this test`);
	}
	for (const must of ['GET /healthz', 'GET /login', 'POST /login', 'POST /logout', 'GET /o/:org/', 'GET /o/:org/audit',
		'GET /o/:org/branches/:id', 'GET /o/:org/people/:id'])
		assert.ok(seen.has(must), `${must} is in the table`);
	// goals (step 5 and 6): the community's goals page and the overview
	for (const must of ['GET /o/:org/goals', 'GET /o/:org/communities/:id/goals', 'POST /o/:org/communities/:id/subgoals/:id2/measurements'])
		assert.ok(seen.has(must), `${must} is in the table`);
	// route (issue 12a): Mijn route, my contribution and the impact plan (route.test.mjs)
	for (const must of ['GET /o/:org/route', 'GET /o/:org/me', 'GET /o/:org/me/impact', 'GET /o/:org/people/:id/impact'])
		assert.ok(seen.has(must), `${must} is in the table`);
	// knowledge (issue 11): the kennisbank, an item, its file, and the advisers' shared items
	for (const must of ['GET /o/:org/knowledge', 'GET /o/:org/knowledge/:id', 'GET /o/:org/files/:id',
		'POST /o/:org/knowledge/:id/share', 'GET /adviser/knowledge'])
		assert.ok(seen.has(must), `${must} is in the table`);
	const publicRoutes = table.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.pattern}`);
	// the meetlat link (/m/:token) is public on purpose: colleagues without an account answer by link
	assert.deepEqual(
		publicRoutes.sort(),
		['GET /', 'GET /healthz', 'GET /login', 'POST /login', 'GET /m/:token', 'POST /m/:token',
			// calendar feeds: the key is the access (calendar.test.mjs)
			'GET /o/:org/activities.ics', 'GET /o/:org/communities/:id/activities.ics',
			// public (issue 13): the public page, its poster and feed, and the two forms (public.test.mjs)
			'GET /p/:org/', 'GET /p/:org/poster', 'GET /p/:org/agenda.ics', 'GET /p/:org/doe-mee', 'POST /p/:org/doe-mee',
			'GET /p/:org/idee', 'POST /p/:org/idee'].sort(),
		'only these are public',
	);
});

test('logged out: every route that is not public refuses (GET: to /login, POST: 403)', async () => {
	// /metrics answers 404 to every address the operator did not name (this test names none)
	for (const r of table.filter((x) => x.access === 'operator'))
		assert.equal((await call('anon', r)).status, 404, `${r.method} ${r.pattern}: 404 for an unnamed address`);
	for (const r of table.filter((x) => x.access !== 'public' && x.access !== 'operator')) {
		const key = `${r.method} ${r.pattern}`;
		const url = fill(r.pattern, ORG);
		const res = await call('anon', r);
		if (r.method === 'GET') {
			assert.equal(res.status, 303, `${key}: logged out GET is redirected (got ${res.status})`);
			assert.equal(res.headers.location, `/login?next=${encodeURIComponent(url)}`, key);
		} else {
			assert.equal(res.status, 403, `${key}: logged out POST with a valid token is refused (got ${res.status})`);
			// and without a token too
			const bare = await clients.anon.post(url, {});
			assert.equal(bare.status, 403, `${key}: logged out POST without token`);
		}
		assert.ok(!res.body.includes('utrecht-table'), `${key}: no data shown`);
	}
	// the public ones answer without a session (a link token nobody has: its own 404, not the login)
	for (const r of table.filter((x) => x.access === 'public' && x.method === 'GET')) {
		const res = await clients.anon.get(fill(r.pattern, ORG));
		// public (issue 13): the public page's feed needs no key (the demo's page is on)
		const keyed = r.pattern.endsWith('.ics') && !r.pattern.startsWith('/p/');
		const want = r.pattern.includes(':token') || keyed ? [404] : [200, 303];
		assert.ok(want.includes(res.status), `${r.method} ${r.pattern}: ${res.status}`);
		if (res.status === 303) assert.doesNotMatch(res.headers.location, /^\/login\?next=/, `${r.pattern}: not sent to log in`);
	}
});

test('a person without a role in the organisation gets the same 404 as for one that does not exist', async () => {
	// control: henk sees his own organisation
	assert.equal((await clients.henk.get(`/o/${OTHER_ORG}/`)).status, 200);
	for (const r of orgRoutes) {
		const key = `${r.method} ${r.pattern}`;
		const theirs = await call('henk', r, ORG);
		const none = await call('henk', r, 'bestaat-niet');
		assert.equal(theirs.status, 404, `${key} as henk in ${ORG}: 404 (got ${theirs.status})`);
		assert.equal(none.status, 404, `${key} in a nonexistent org: 404`);
		assert.equal(theirs.body, none.body, `${key}: the page does not tell that ${ORG} exists`);
		assert.deepEqual(
			Object.keys(theirs.headers).filter((h) => h !== 'date').sort(),
			Object.keys(none.headers).filter((h) => h !== 'date').sort(),
			`${key}: same headers`,
		);
		assert.ok(!theirs.body.includes('De Sleutel'), `${key}: the organisation's name is not shown`);
	}
	// without the final slash as well
	const a = await clients.henk.get(`/o/${ORG}`);
	const b = await clients.henk.get('/o/bestaat-niet');
	assert.equal(a.status, b.status);
	assert.equal(a.headers.location?.replace(ORG, 'X'), b.headers.location?.replace('bestaat-niet', 'X'));
});

test('every role outside a route\'s list gets 403; every role in it gets the page', async () => {
	// all pages of the log (50 rows each)
	const auditRows = async () => {
		let n = 0;
		for (let p = 1; ; p++) {
			const body = (await clients.marieke.get(`/o/${ORG}/audit?pagina=${p}`)).body;
			n += (body.match(/<tr class="utrecht-table__row"><td/g) || []).length;
			if (!body.includes(`href="?pagina=${p + 1}"`) || p > 100) return n;
		}
	};
	const auditBefore = await auditRows();
	const walked = [];
	for (const r of orgRoutes) {
		const key = `${r.method} ${r.pattern}`;
		for (const [role, who] of Object.entries(ROLE_OF)) {
			if (r.roles.includes(role)) {
				if (r.method !== 'GET') continue; // allowed POSTs change data: covered by the other suites
				const res = await call(who, r);
				assert.equal(res.status, 200, `${key} as ${role} (${who}): allowed, got ${res.status}`);
				walked.push(`${key} ${role} ok`);
			} else {
				const res = await call(who, r);
				assert.equal(res.status, 403, `${key} as ${role} (${who}): must be 403, got ${res.status}`);
				assert.ok(res.body.includes('Geen toegang'), `${key} as ${role}: the Dutch 403 page`);
				walked.push(`${key} ${role} 403`);
			}
		}
	}
	// the demo has at least one route for each case
	assert.ok(walked.some((w) => w.endsWith('403')), 'some refusals were walked');
	assert.ok(walked.some((w) => w.endsWith('ok')), 'some allowed pages were walked');
	// nothing was changed by the refused POSTs
	const branches = await clients.marieke.get(`/o/${ORG}/branches`);
	assert.equal(branchIds(branches.body, ORG).length, 4, 'still 4 branches');
	const people = await clients.marieke.get(`/o/${ORG}/people`);
	assert.equal(personIds(people.body, ORG).length, 5, 'still 5 people');
	assert.equal(await auditRows(), auditBefore, 'no new entries in the audit log');
});

test('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', async () => {
	await server.stop();
});
