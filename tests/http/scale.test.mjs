/*
 * scale.test.mjs - `kring demo --scale N` (issue 8, scale data for the
 * bench), a small smoke run with N = 2 on the backend the suite runs on
 * (SQLite, or PostgreSQL with KRING_TEST_PG): the command fills the
 * database beside the demo, running it again adds nothing, a bad N is a
 * usage error, and the pages of a scaled organisation answer for its
 * beheerder, its ambassadeur and its adviser, with the data in them and
 * behind the right walls.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, ORG, USERS, kring } from './helpers.mjs';
import { sql } from '../lib/database.mjs';

const server = new Server();
const SLUG = 'schaal-001';
const BEHEERDER = `beheerder@${SLUG}.bieb.test`;
const AMBASSADEUR = `ambassadeur1@${SLUG}.bieb.test`;
const ADVISER = 'adviseur01@poi.bieb.test'; // advises schaal-001, schaal-011, ...
let firstRun = '';
let beheerder, ambassadeur, adviser;

before(async () => {
	firstRun = server.cli(['demo', '--scale', '2']);
	server.demoLoaded = true; // the demo comes with --scale
	await server.start();
	[beheerder, ambassadeur, adviser] = Array.from(
		{ length: 3 },
		(_, i) => new Client(server, { localAddress: `127.0.0.${81 + i}` }),
	);
	await beheerder.login(BEHEERDER);
	await ambassadeur.login(AMBASSADEUR);
	await adviser.login(ADVISER);
});
after(() => server.kill());

async function page(client, url, status = 200) {
	const res = await client.get(url);
	assert.equal(res.status, status, `GET ${url}: ${res.status}\n${res.body.slice(0, 800)}`);
	return res.body;
}

/* Distinct ids of links /o/<slug>/<what>/<id> on a page. */
function ids(html, what, slug = SLUG) {
	const re = new RegExp(`href="/o/${slug}/${what}/(\\d+)"`, 'g');
	return [...new Set([...html.matchAll(re)].map((m) => Number(m[1])))];
}

test('demo --scale 2 adds two organisations of full shape beside the demo', () => {
	assert.match(firstRun, /Scale: 2 organisations schaal-001 \.\. schaal-002 \(2 added\)/);
	assert.equal(sql(server.db, "SELECT COUNT(*) FROM orgs WHERE slug LIKE 'schaal-%'"), '2');
	assert.equal(sql(server.db, "SELECT COUNT(*) FROM orgs WHERE slug = 'de-sleutel'"), '1');
	const count = (table) =>
		Number(sql(server.db, `SELECT COUNT(*) FROM ${table} t JOIN orgs o ON o.id = t.org_id WHERE o.slug = '${SLUG}'`));
	assert.equal(count('communities'), 12);
	assert.equal(count('partners'), 10);
	assert.equal(count('conversations'), 20);
	assert.equal(count('meetlat_rounds'), 2);
	assert.equal(count('scan_entries'), 6);
	assert.equal(count('readiness_checks'), 2);
	assert.ok(count('action_points') > 0, 'action points');
	assert.equal(count('activities'), 300, 'activities (issue 9)');
	assert.ok(count('community_items') >= 12 * 5, 'community items');
	// the status history goes back further than the creation: every step was taken
	assert.ok(count('community_status_changes') > 12, 'status history');
	// people in every role: beheerder, medewerkers, ambassadeurs and the adviser
	const roles = sql(
		server.db,
		`SELECT m.role FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE o.slug = '${SLUG}' ORDER BY m.role`,
	).split('\n');
	assert.equal(roles.length, 5 + 3 + 1, roles.join(','));
});

test('running it again adds nothing; a bad N is a usage error', () => {
	const again = server.cli(['demo', '--scale', '2']);
	assert.match(again, /\(0 added\)/);
	assert.equal(sql(server.db, "SELECT COUNT(*) FROM orgs WHERE slug LIKE 'schaal-%'"), '2');
	for (const bad of ['0', '-1', 'abc', '2x', '10001']) {
		let err = null;
		try {
			kring(['demo', '--scale', bad, '--db', server.db]);
		} catch (e) {
			err = e;
		}
		assert.ok(err, `--scale ${bad} is refused`);
		assert.equal(err.status, 2, `--scale ${bad} exits 2`);
		assert.match(String(err.stderr), /--scale/);
	}
});

test('the pages of a scaled organisation answer with its data', async () => {
	const home = await page(beheerder, `/o/${SLUG}/`);
	assert.match(home, /Bibliotheek Aldenvoort/);
	const list = await page(beheerder, `/o/${SLUG}/communities`);
	const communities = ids(list, 'communities');
	assert.equal(communities.length, 12, 'twelve communities on the list');
	const profile = await page(beheerder, `/o/${SLUG}/communities/${communities[0]}`);
	assert.match(profile, /Aldenvoort|Beekhuizen|Dorrestein/);
	const partners = ids(await page(beheerder, `/o/${SLUG}/partners`), 'partners');
	assert.equal(partners.length, 10, 'ten partners on the list');
	await page(beheerder, `/o/${SLUG}/partners/${partners[0]}`);
	const talks = ids(await page(beheerder, `/o/${SLUG}/conversations`), 'conversations');
	assert.ok(talks.length > 0, 'conversations on the list');
	await page(beheerder, `/o/${SLUG}/conversations/${talks[0]}`);
	const acts = ids(await page(beheerder, `/o/${SLUG}/activities`), 'activities'); /* issue 9 */
	assert.ok(acts.length > 0, 'activities');
	await page(beheerder, `/o/${SLUG}/activities/${acts[0]}`);
	const found = await page(beheerder, `/o/${SLUG}/search?q=taalcafe`);
	assert.ok(ids(found, 'communities').length > 0, 'the search finds a Taalcafé (accent-insensitive)');
	const rounds = ids(await page(beheerder, `/o/${SLUG}/meetlat`), 'meetlat');
	assert.equal(rounds.length, 2, 'two meetlat rounds');
	const closed = [];
	for (const id of rounds) {
		const html = await page(beheerder, `/o/${SLUG}/meetlat/${id}`);
		if (!html.includes(`href="/o/${SLUG}/meetlat/${id}/close"`)) closed.push(id);
	}
	assert.equal(closed.length, 1, 'one round is closed, one open');
	await page(beheerder, `/o/${SLUG}/scan`);
	await page(beheerder, `/o/${SLUG}/readiness`);
});

test('a scaled organisation is walled off like any other', async () => {
	await page(beheerder, `/o/schaal-002/`, 404);
	await page(beheerder, `/o/${ORG}/`, 404);
	const demo = new Client(server, { localAddress: '127.0.0.85' });
	await demo.login(USERS.sascha);
	await page(demo, `/o/${SLUG}/`, 404);
});

test('the ambassadeur sees her own community; the adviser sees her organisations only', async () => {
	const list = await page(ambassadeur, `/o/${SLUG}/communities`);
	const mine = ids(list, 'communities');
	assert.ok(mine.length >= 1 && mine.length < 12, `the ambassadeur sees her communities only (${mine.length})`);
	await page(ambassadeur, `/o/${SLUG}/communities/${mine[0]}`);
	const overview = await page(adviser, '/adviser');
	assert.match(overview, /Bibliotheek Aldenvoort/);
	assert.doesNotMatch(overview, /Bibliotheek Beekhuizen/);
});
