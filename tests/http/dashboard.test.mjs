// dashboard.test.mjs - HTTP tests of the dashboard, the year report and the
// XLSX exports (issue 10): the numbers on the page equal hand-made data
// written with SQL (the summary tables activity_months and
// community_activity_months included), what each role sees, another
// organisation's ids, bad filters and years, and the workbooks read back
// (header row, frozen panes, dates typed as dates, the number of rows, no
// file left behind). Runs on SQLite, or on PostgreSQL with KRING_TEST_PG.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Server, Client, USERS, ORG, textOf, assertDutchError, TXT } from './helpers.mjs';
import { sql } from '../lib/database.mjs';

const O = `/o/${ORG}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-dash-tmp-'));
const server = new Server();
const c = {};
let orgId, otherOrgId, branch, otherBranch, taal, otherCommunity;

const q = (query) => sql(server.db, query);
const num = (query) => Number(q(query));

/* This month and the month n before it, "YYYY-MM", in Europe/Amsterdam as the server counts. */
function month(back = 0) {
	const now = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Amsterdam' }));
	const d = new Date(now.getFullYear(), now.getMonth() - back, 1);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
const MON = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const label = (ym) => `${MON[Number(ym.slice(5)) - 1]} ${ym.slice(0, 4)}`;

/* The rows of the month table: {label: [voor, met, door, all, participants]}. */
function monthTable(html) {
	const t = /<div class="kring-chart-table kring-dash-table".*?<\/table>/s.exec(html);
	assert.ok(t, 'the month table is on the page');
	const rows = {};
	for (const tr of t[0].matchAll(/<tr class="utrecht-table__row"><th[^>]*scope="row">(.*?)<\/th>(.*?)<\/tr>/gs))
		rows[textOf(tr[1]).trim()] = [...tr[2].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => Number(textOf(m[1])));
	return rows;
}

/* The key figures at the top: the numbers in order. */
function keys(html) {
	const ul = /<ul class="kring-keys".*?<\/ul>/s.exec(html);
	assert.ok(ul, 'key figures');
	return [...ul[0].matchAll(/<span class="kring-key__n">(.*?)<\/span>\s*(.*?)<\/li>/gs)].map((m) => [textOf(m[1]).trim(), textOf(m[2]).trim()]);
}

/* Communities per phase from the dashboard's table: {Gewenst: total, ...}. */
function phaseTotals(html) {
	const sec = /<section class="kring-dash" aria-labelledby="h-dash-com">.*?<\/section>/s.exec(html);
	assert.ok(sec, 'the communities section');
	const out = {};
	for (const tr of sec[0].matchAll(/<tr class="utrecht-table__row"><th[^>]*scope="row">(.*?)<\/th>(.*?)<\/tr>/gs)) {
		const tds = [...tr[2].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => Number(textOf(m[1])));
		out[textOf(tr[1]).trim()] = tds[tds.length - 1];
	}
	return out;
}

// ---- a tiny XLSX reader: the zip's central directory, inflate, and the sheet XML ----

function unzip(buf) {
	let eocd = buf.length - 22;
	while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
	assert.ok(eocd >= 0, 'a zip file');
	const n = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	const files = {};
	for (let i = 0; i < n; i++) {
		assert.equal(buf.readUInt32LE(p), 0x02014b50);
		const method = buf.readUInt16LE(p + 10);
		const size = buf.readUInt32LE(p + 20);
		const nameLen = buf.readUInt16LE(p + 28), extra = buf.readUInt16LE(p + 30), comment = buf.readUInt16LE(p + 32);
		const local = buf.readUInt32LE(p + 42);
		const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
		const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		const data = buf.subarray(start, start + size);
		files[name] = (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
		p += 46 + nameLen + extra + comment;
	}
	return files;
}

const xmlText = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/* The workbook: sheet names, and per sheet its rows of cells {v, date} plus its XML. */
function readXlsx(buf) {
	const f = unzip(buf);
	const shared = [...(f['xl/sharedStrings.xml'] || '').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
		xmlText([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')));
	const fmts = Object.fromEntries([...f['xl/styles.xml'].matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], m[2]]));
	const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(f['xl/styles.xml'])[1];
	const styleFmt = [...xfs.matchAll(/<xf ([^>]*?)\/?>/g)].map((m) => (/numFmtId="(\d+)"/.exec(m[1]) || [])[1]);
	const names = [...f['xl/workbook.xml'].matchAll(/<sheet name="([^"]*)"/g)].map((m) => xmlText(m[1]));
	const sheets = names.map((name, i) => {
		const xml = f[`xl/worksheets/sheet${i + 1}.xml`];
		const rows = [...xml.matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map((r) => {
			const cells = [];
			for (const cm of r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
				const col = [...cm[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
				const attrs = cm[2];
				const v = (/<v>(.*?)<\/v>/s.exec(cm[3] || '') || [])[1];
				const type = (/ t="(\w+)"/.exec(attrs) || [])[1];
				const style = Number((/ s="(\d+)"/.exec(attrs) || [0, 0])[1]);
				const fmt = fmts[styleFmt[style]] || '';
				cells[col] = type === 's' ? shared[Number(v)] : v === undefined ? '' : Number(v);
				if (type !== 's' && /y/.test(fmt)) cells[col] = { date: Number(v), fmt };
			}
			return cells;
		});
		return { name, rows, xml };
	});
	return { names, sheets };
}

/* GET a binary download with a client's session. */
async function download(client, url) {
	const res = await fetch(server.base + url, { headers: { Cookie: client.cookieHeader() }, redirect: 'manual' });
	return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), buf: Buffer.from(await res.arrayBuffer()) };
}

/* Excel's serial day of "YYYY-MM-DD". */
const serial = (ymd) => Math.round((Date.UTC(+ymd.slice(0, 4), +ymd.slice(5, 7) - 1, +ymd.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86400000);

before(async () => {
	await server.start({ env: { TMPDIR: tmp } });
	for (const [n, addr] of [['marieke', 71], ['sascha', 72], ['anouk', 73], ['fatima', 74], ['henk', 75]]) {
		c[n] = new Client(server, { localAddress: `127.0.0.${addr}` });
		await c[n].login(USERS[n]);
	}
	orgId = num("SELECT id FROM orgs WHERE slug = 'de-sleutel'");
	otherOrgId = num("SELECT id FROM orgs WHERE slug = 'het-baken'");
	branch = num(`SELECT MIN(id) FROM branches WHERE org_id = ${orgId}`);
	otherBranch = num(`SELECT MIN(id) FROM branches WHERE org_id = ${otherOrgId}`);
	taal = num(`SELECT MIN(community_id) FROM community_ambassadors WHERE org_id = ${orgId}`);
	// another organisation's community, with its own summary rows that must never show
	q(`INSERT INTO communities (org_id, name, status, status_since, created_at, updated_at) VALUES (${otherOrgId}, 'Baken-kring', 'samenwerken', 1, 1, 1)`);
	otherCommunity = num(`SELECT MAX(id) FROM communities WHERE org_id = ${otherOrgId}`);

	// hand-made summaries (whatever the demo has is replaced, so the numbers are ours)
	q(`DELETE FROM activity_months WHERE org_id IN (${orgId}, ${otherOrgId})`);
	q(`DELETE FROM community_activity_months WHERE org_id IN (${orgId}, ${otherOrgId})`);
	const rows = [
		[branch, month(0), 'voor', 2, 30], [branch, month(0), 'met', 1, 12], [0, month(0), 'door', 3, 45],
		[branch, month(2), 'met', 4, 40], [0, month(2), 'voor', 1, 5],
		[branch, month(13), 'door', 7, 70], // outside twelve months
	];
	for (const [b, m, made, n, p] of rows)
		q(`INSERT INTO activity_months (org_id, branch_id, month, made, activities, participants) VALUES (${orgId}, ${b}, '${m}', '${made}', ${n}, ${p})`);
	q(`INSERT INTO activity_months (org_id, branch_id, month, made, activities, participants) VALUES (${otherOrgId}, ${otherBranch}, '${month(0)}', 'voor', 500, 5000)`);
	q(`INSERT INTO community_activity_months (org_id, community_id, month, made, activities, participants) VALUES (${orgId}, ${taal}, '${month(0)}', 'met', 1, 12)`);
	q(`INSERT INTO community_activity_months (org_id, community_id, month, made, activities, participants) VALUES (${orgId}, ${taal}, '${month(2)}', 'door', 2, 9)`);
	const other = num(`SELECT MAX(id) FROM communities WHERE org_id = ${orgId} AND id <> ${taal}`);
	q(`INSERT INTO community_activity_months (org_id, community_id, month, made, activities, participants) VALUES (${orgId}, ${other}, '${month(0)}', 'voor', 6, 60)`);
	q(`INSERT INTO community_activity_months (org_id, community_id, month, made, activities, participants) VALUES (${otherOrgId}, ${otherCommunity}, '${month(0)}', 'met', 99, 999)`);

	// action points: one overdue, one open later, one done
	q(`INSERT INTO conversations (org_id, held_on, kind, subject, version, created_at, updated_at) VALUES (${orgId}, '2026-01-05', 'kennismaking', 'Dashboardgesprek', 1, 1, 1)`);
	const conv = num(`SELECT MAX(id) FROM conversations WHERE org_id = ${orgId}`);
	q(`INSERT INTO action_points (org_id, conversation_id, text, due_on, created_at) VALUES (${orgId}, ${conv}, 'Te laat', '2001-01-01', 1)`);
	q(`INSERT INTO action_points (org_id, conversation_id, text, due_on, created_at) VALUES (${orgId}, ${conv}, 'Later', '2999-01-01', 1)`);
	q(`INSERT INTO action_points (org_id, conversation_id, text, due_on, done_at, created_at) VALUES (${orgId}, ${conv}, 'Klaar', '2001-01-01', 5, 1)`);
	// a held activity with a date and a count, for the export
	q(`INSERT INTO activities (org_id, title, held_on, made, status, participants, created_at, updated_at) VALUES (${orgId}, 'Voorleesfeest', '2026-03-14', 'door', 'held', 23, 1, 1)`);
	q(`INSERT INTO activity_communities (org_id, activity_id, community_id) VALUES (${orgId}, (SELECT MAX(id) FROM activities), ${taal})`);
});
after(() => {
	server.kill();
	fs.rmSync(tmp, { recursive: true, force: true });
});

test('the dashboard shows the hand-made monthly summaries, the voor/met/door split and the totals', async () => {
	const res = await c.marieke.get(`${O}/dashboard`);
	assert.equal(res.status, 200);
	const t = monthTable(res.body);
	assert.equal(Object.keys(t).length, 13, 'twelve months and the total');
	assert.deepEqual(t[label(month(0))], [2, 1, 3, 6, 87], 'this month: 2 voor, 1 met, 3 door (both branch rows), 87 participants');
	assert.deepEqual(t[label(month(2))], [1, 4, 0, 5, 45]);
	assert.deepEqual(t[label(month(1))], [0, 0, 0, 0, 0], 'a month without activities shows zeros');
	assert.ok(!(label(month(13)) in t), 'thirteen months ago is outside the period');
	assert.deepEqual(t.Totaal, [3, 5, 3, 11, 132], 'another organisation\'s 500 activities are not counted');
	const k = keys(res.body);
	assert.equal(k[1][0], '11');
	assert.equal(k[2][0], '132');
	assert.equal(k[3][0], `${Math.floor((8 * 100) / 11)}%`, 'share made met or door');
	// the chart says the same in its description, and has a title
	assert.match(res.body, /<svg class="kring-bars" [^>]*role="img" aria-labelledby="dash-act-t dash-act-d"/);
	assert.match(res.body, /<desc id="dash-act-d">[^<]*: 11 activiteiten/);
});

test('communities by phase equal a count in SQL, and follow a new community', async () => {
	q(`INSERT INTO communities (org_id, name, archetype, status, status_since, created_at, updated_at) VALUES (${orgId}, 'Zelfdragende leesclub', 'purpose', 'zelfdragend', 1, 1, 1)`);
	const res = await c.marieke.get(`${O}/dashboard`);
	const got = phaseTotals(res.body);
	const want = {};
	for (const [s, label2] of [['gewenst', 'Gewenst'], ['verkennen', 'Verkennen'], ['in-contact', 'In contact'], ['samenwerken', 'Samenwerken'], ['zelfdragend', 'Zelfdragend'], ['gestopt', 'Gestopt']])
		want[label2] = num(`SELECT COUNT(*) FROM communities WHERE org_id = ${orgId} AND status = '${s}'`);
	want.Totaal = num(`SELECT COUNT(*) FROM communities WHERE org_id = ${orgId}`);
	assert.deepEqual(got, want);
	assert.equal(got.Zelfdragend, 1);
	assert.match(res.body, /Doel \(purpose\)/, 'the archetype of the new community is a column');
	assert.match(res.body, /<a class="utrecht-link" href="\/o\/de-sleutel\/communities\?status=zelfdragend">Zelfdragend<\/a>/,
		'a phase links to the list of its communities');
	assert.equal(keys(res.body)[0][0], String(want.Totaal - want.Gestopt), 'active communities: all but stopped');
});

test('open and overdue action points are counted as the database has them', async () => {
	const open = num(`SELECT COUNT(*) FROM action_points WHERE org_id = ${orgId} AND done_at IS NULL`);
	const late = num(`SELECT COUNT(*) FROM action_points WHERE org_id = ${orgId} AND done_at IS NULL AND due_on <> '' AND due_on < '${new Date().toISOString().slice(0, 10)}'`);
	assert.ok(open >= 2 && late >= 1);
	const res = await c.sascha.get(`${O}/dashboard`);
	const text = textOf(res.body);
	assert.ok(text.includes(`${open} actiepunten staan open.`), `open: ${open}`);
	assert.ok(text.includes(late === 1 ? 'Daarvan is 1 over de datum.' : `Daarvan zijn ${late} over de datum.`), `late: ${late}`);
	assert.ok(text.includes('Fase '), 'the latest meetlat phase of the demo');
});

test('branch and period filters; another organisation\'s branch and bad values fall back to the defaults', async () => {
	let t = monthTable((await c.marieke.get(`${O}/dashboard?vestiging=${branch}`)).body);
	assert.deepEqual(t[label(month(0))], [2, 1, 0, 3, 42], 'only the branch\'s rows');
	t = monthTable((await c.marieke.get(`${O}/dashboard?vestiging=geen`)).body);
	assert.deepEqual(t[label(month(0))], [0, 0, 3, 3, 45], 'activities without a branch');
	t = monthTable((await c.marieke.get(`${O}/dashboard?periode=3`)).body);
	assert.equal(Object.keys(t).length, 4, 'three months and the total');
	assert.deepEqual(t.Totaal, [3, 5, 3, 11, 132]);
	t = monthTable((await c.marieke.get(`${O}/dashboard?periode=24`)).body);
	assert.deepEqual(t[label(month(13))], [0, 0, 7, 7, 70], 'twenty-four months reach back');
	const all = monthTable((await c.marieke.get(`${O}/dashboard`)).body);
	for (const bad of [`vestiging=${otherBranch}`, 'vestiging=abc', 'vestiging=-1', 'vestiging=99999999999999999999', 'periode=abc',
		'periode=5', 'periode=03', 'periode=1000000000000', 'periode=', 'vestiging=&periode=', 'periode=12%00', 'vestiging=%ff%fe']) {
		const res = await c.marieke.get(`${O}/dashboard?${bad}`);
		assert.ok([200, 400].includes(res.status), `${bad}: ${res.status}`);
		if (res.status === 400) {
			assertDutchError(res, 400, TXT.err400);
			continue;
		}
		assert.deepEqual(monthTable(res.body), all, `${bad}: the defaults (all branches, twelve months)`);
	}
});

test('an ambassadeur sees only their own communities\' figures and none of the library\'s internal steps', async () => {
	const res = await c.fatima.get(`${O}/dashboard`);
	assert.equal(res.status, 200);
	const t = monthTable(res.body);
	assert.deepEqual(t[label(month(0))], [0, 1, 0, 1, 12], 'the Taalcafé\'s summary, not the other community\'s 6 voor');
	assert.deepEqual(t[label(month(2))], [0, 0, 2, 2, 9]);
	const mine = num(`SELECT COUNT(*) FROM community_ambassadors WHERE org_id = ${orgId} AND person_id = (SELECT id FROM persons WHERE email = '${USERS.fatima}')`);
	assert.equal(phaseTotals(res.body).Totaal, mine);
	const text = textOf(res.body);
	assert.ok(!text.includes('actiepunten staan open'), 'no action points');
	assert.ok(!res.body.includes('h-dash-ml'), 'no meetlat');
	assert.ok(!res.body.includes('name="vestiging"'), 'no branch filter');
	assert.ok(!res.body.includes('/report"'), 'no link to the report she may not open');
	assert.ok(text.includes('waar jij ambassadeur van bent'), 'the page says whose figures these are');
	// the adviser reads the whole organisation
	const anouk = await c.anouk.get(`${O}/dashboard`);
	assert.deepEqual(monthTable(anouk.body).Totaal, [3, 5, 3, 11, 132]);
});

test('another organisation: the dashboard, report and exports are a 404 for henk, and his own show none of ours', async () => {
	for (const p of ['dashboard', 'report', 'report?year=2026', 'export.xlsx', 'communities.xlsx', 'partners.xlsx']) {
		const res = await c.henk.get(`${O}/${p}`);
		assert.equal(res.status, 404, p);
	}
	const own = await c.henk.get('/o/het-baken/dashboard');
	assert.equal(own.status, 200);
	assert.deepEqual(monthTable(own.body).Totaal, [500, 0, 0, 500, 5000], 'only het-baken\'s summary');
	assert.ok(!own.body.includes('Taalcafé'));
});

test('the year report: the year\'s figures in sentences and tables; bad years are a Dutch 400', async () => {
	const year = month(0).slice(0, 4);
	const res = await c.marieke.get(`${O}/report?year=${year}`);
	assert.equal(res.status, 200);
	const text = textOf(res.body);
	assert.ok(text.includes(`Jaarverslag ${year}`));
	assert.ok(text.includes('Opslaan als PDF'), 'the page says how to make a PDF');
	// the months of this year from the hand-made summary
	const inYear = [[month(0), 6, 87], [month(2), 5, 45], [month(13), 7, 70]].filter(([m]) => m.startsWith(year));
	const acts = inYear.reduce((s, r) => s + r[1], 0), parts = inYear.reduce((s, r) => s + r[2], 0);
	assert.ok(text.includes(acts === 1 ? `Er was 1 activiteit, met samen ${parts} deelnemers.` : `Er waren ${acts} activiteiten, met samen ${parts} deelnemers.`), `${acts} activities`);
	assert.equal(Object.keys(monthTable(res.body)).length, 13, 'twelve months and the total');
	const partners = num(`SELECT COUNT(*) FROM partners WHERE org_id = ${orgId}`);
	assert.ok(text.includes(`De bibliotheek heeft ${partners} partners`));
	assert.ok(text.includes('Taalcafé voor nieuwkomers'), 'per community');
	// empty is this year
	const empty = await c.marieke.get(`${O}/report?year=`);
	assert.equal(empty.status, 200);
	assert.ok(textOf(empty.body).includes(`Jaarverslag ${year}`));
	assert.ok(textOf((await c.marieke.get(`${O}/report`)).body).includes(`Jaarverslag ${year}`));
	for (const bad of ['junk', '1000000000000', '1999', '-2026', '2026.5', '0x7e9', '20266', ' 2026', `${Number(year) + 2}`, '%00'])
		assertDutchError(await c.marieke.get(`${O}/report?year=${encodeURIComponent(bad)}`), 400, TXT.err400);
	// an ambassadeur may not read it
	assert.equal((await c.fatima.get(`${O}/report`)).status, 403);
	assert.equal((await c.anouk.get(`${O}/report`)).status, 200, 'the adviser reads it');
});

test('communities.xlsx: a header row, frozen panes, column widths, dates as dates, one row per community', async () => {
	const res = await download(c.sascha, `${O}/communities.xlsx`);
	assert.equal(res.status, 200);
	assert.equal(res.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	assert.match(res.disposition, /^attachment; filename="communities-de-sleutel-\d{4}-\d{2}-\d{2}\.xlsx"$/);
	const book = readXlsx(res.buf);
	assert.deepEqual(book.names, ['Communities']);
	const s = book.sheets[0];
	assert.deepEqual(s.rows[0].slice(0, 3), ['Naam', 'Status', 'Status sinds']);
	assert.equal(s.rows.length, 1 + num(`SELECT COUNT(*) FROM communities WHERE org_id = ${orgId}`));
	assert.match(s.xml, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
	assert.match(s.xml, /<cols><col min="1" max="1" width="[\d.]+"/);
	const since = s.rows.slice(1).map((r) => r[2]);
	assert.ok(since.every((v) => typeof v === 'object' && v.fmt === 'd-m-yyyy' && v.date >= serial('1970-01-01')), 'status since is a date cell');
	const names = s.rows.slice(1).map((r) => r[0]).sort();
	const want = q(`SELECT name FROM communities WHERE org_id = ${orgId} ORDER BY name`).split('\n').sort();
	assert.deepEqual(names, want);
	// the filter of the list applies, as for CSV
	const only = readXlsx((await download(c.sascha, `${O}/communities.xlsx?status=zelfdragend`)).buf);
	assert.deepEqual(only.sheets[0].rows.slice(1).map((r) => r[0]), ['Zelfdragende leesclub']);
	// an ambassadeur gets only her own communities
	const hers = readXlsx((await download(c.fatima, `${O}/communities.xlsx`)).buf);
	assert.deepEqual(hers.sheets[0].rows.slice(1).map((r) => r[0]), ['Taalcafé voor nieuwkomers']);
});

test('activities.xlsx: the list\'s columns and filter, dates as dates, counts as numbers; an ambassadeur gets her own', async () => {
	const res = await download(c.sascha, `${O}/activities.xlsx`);
	assert.equal(res.status, 200);
	assert.equal(res.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	const s = readXlsx(res.buf).sheets[0];
	assert.equal(s.name, 'Activiteiten');
	assert.equal(s.rows.length, 1 + num(`SELECT COUNT(*) FROM activities WHERE org_id = ${orgId}`));
	assert.ok(s.rows.length > 1, 'the demo has activities');
	assert.ok(s.rows.slice(1).every((r) => typeof r[0] === 'object' && r[0].fmt === 'd-m-yyyy'), 'the date is a date cell');
	const counted = s.rows.slice(1).filter((r) => r[7] !== '' && r[7] !== undefined); // an empty cell is not written
	assert.ok(counted.length > 0 && counted.every((r) => typeof r[7] === 'number'), 'participants are numbers');
	// the same filter as the CSV
	const door = readXlsx((await download(c.sascha, `${O}/activities.xlsx?soort=door`)).buf).sheets[0];
	assert.equal(door.rows.length, 1 + num(`SELECT COUNT(*) FROM activities WHERE org_id = ${orgId} AND made = 'door'`));
	// an ambassadeur: only the activities of her communities
	const hers = readXlsx((await download(c.fatima, `${O}/activities.xlsx`)).buf).sheets[0];
	const fatimas = num(`SELECT COUNT(DISTINCT ac.activity_id) FROM activity_communities ac JOIN community_ambassadors ca ON ca.community_id = ac.community_id JOIN persons p ON p.id = ca.person_id WHERE p.email = 'fatima@voorbeeld.nl' AND ac.org_id = ${orgId}`);
	assert.equal(hers.rows.length, 1 + fatimas);
	assert.ok(fatimas < s.rows.length - 1, 'fewer than all');
});

test('partners.xlsx and the whole-organisation export: a sheet per kind, typed cells, no file left behind', async () => {
	const p = readXlsx((await download(c.sascha, `${O}/partners.xlsx`)).buf);
	assert.equal(p.sheets[0].rows.length, 1 + num(`SELECT COUNT(*) FROM partners WHERE org_id = ${orgId}`));
	assert.equal(p.sheets[0].rows[0][0], 'Naam');
	assert.equal((await download(c.fatima, `${O}/partners.xlsx`)).status, 403, 'ambassadeurs see no partners');

	const res = await download(c.anouk, `${O}/export.xlsx`);
	assert.equal(res.status, 200);
	assert.match(res.disposition, /^attachment; filename="kring-de-sleutel-\d{4}-\d{2}-\d{2}\.xlsx"$/);
	const book = readXlsx(res.buf);
	assert.deepEqual(book.names, ['Communities', 'Partners', 'Activiteiten', 'Gesprekken', 'Actiepunten']);
	const [com, par, act, talk, ap] = book.sheets;
	assert.equal(com.rows.length, 1 + num(`SELECT COUNT(*) FROM communities WHERE org_id = ${orgId}`));
	assert.equal(par.rows.length, 1 + num(`SELECT COUNT(*) FROM partners WHERE org_id = ${orgId}`));
	assert.equal(act.rows.length, 1 + num(`SELECT COUNT(*) FROM activities WHERE org_id = ${orgId}`));
	assert.equal(talk.rows.length, 1 + num(`SELECT COUNT(*) FROM conversations WHERE org_id = ${orgId}`));
	assert.equal(ap.rows.length, 1 + num(`SELECT COUNT(*) FROM action_points WHERE org_id = ${orgId}`));
	for (const s of book.sheets) {
		assert.match(s.xml, /state="frozen"/, `${s.name}: frozen header`);
		if (s.rows.length > 1) assert.match(s.xml, /<autoFilter ref="A1:[A-Z]+\d+"\/>/, `${s.name}: a filter on the header`);
	}
	const feest = act.rows.find((r) => r[0] === 'Voorleesfeest');
	assert.ok(feest, 'the activity is in its sheet');
	assert.deepEqual(feest[1], { date: serial('2026-03-14'), fmt: 'd-m-yyyy' }, 'its date is a date');
	assert.equal(feest[2], 'Door');
	assert.equal(feest[4], 23, 'participants is a number');
	assert.equal(feest[7], 'Taalcafé voor nieuwkomers');
	const late = ap.rows.find((r) => r[0] === 'Te laat');
	assert.deepEqual(late[2], { date: serial('2001-01-01'), fmt: 'd-m-yyyy' });
	assert.ok(!JSON.stringify(book.sheets.map((s) => s.rows)).includes('Baken-kring'), 'nothing of another organisation');
	assert.equal((await download(c.fatima, `${O}/export.xlsx`)).status, 403);
	// the private temporary directories are gone
	assert.deepEqual(fs.readdirSync(tmp), [], 'no temporary file left behind');
});

test('text that looks like a formula stays text in XLSX', async () => {
	q(`INSERT INTO communities (org_id, name, status, status_since, created_at, updated_at) VALUES (${orgId}, '=HYPERLINK("http://x","y")', 'gewenst', 1, 1, 1)`);
	const res = await download(c.sascha, `${O}/communities.xlsx`);
	const s = readXlsx(res.buf).sheets[0];
	assert.ok(s.rows.some((r) => r[0] === '=HYPERLINK("http://x","y")'), 'a string cell');
	assert.ok(!/<f>/.test(s.xml), 'no formula in the sheet');
	q(`DELETE FROM communities WHERE org_id = ${orgId} AND name LIKE '=HYPERLINK%'`);
});

test('goals on schedule versus behind: the same counts as the goals overview; not shown to an ambassadeur', async () => {
	const ov = textOf((await c.sascha.get(`${O}/goals`)).body);
	const m = /Subdoelen: (\d+) op schema, (\d+) achter, (\d+) gehaald, (\d+) nog niet te zeggen\./.exec(ov);
	assert.ok(m, 'the overview counts its subgoals');
	const res = await c.sascha.get(`${O}/dashboard`);
	const sec = /<section class="kring-dash" aria-labelledby="h-dash-goals">.*?<\/section>/s.exec(res.body);
	assert.ok(sec, 'the goals block');
	const total = m.slice(1).reduce((s, x) => s + Number(x), 0);
	if (total === 0) {
		assert.ok(textOf(sec[0]).includes('nog geen meetbare subdoelen'));
	} else {
		const rows = [...sec[0].matchAll(/<th[^>]*scope="row">(.*?)<\/th><td[^>]*>(?:<strong>)?(\d+)/gs)].map((x) => [textOf(x[1]).trim(), Number(x[2])]);
		assert.deepEqual(rows, [['Op schema', +m[1]], ['Loopt achter', +m[2]], ['Bereikt', +m[3]], ['Nog niet te zeggen', +m[4]], ['Totaal', total]]);
		assert.match(sec[0], /role="img" aria-labelledby="dash-goals-t dash-goals-d"/);
	}
	assert.ok(!(await c.fatima.get(`${O}/dashboard`)).body.includes('h-dash-goals'), 'an ambassadeur sees her goals on the goals overview');
});
