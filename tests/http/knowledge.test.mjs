/*
 * knowledge.test.mjs - HTTP tests of knowledge (issue 11): items with a
 * Markdown body rendered safely, tags, sources and contributors; photos and
 * documents uploaded as multipart/form-data, checked by their bytes and
 * served with a safe type, disposition and CSP; every refused upload (too
 * big, empty, refused type, lying type, a photo without description) with
 * a Dutch message beside the field and nothing stored; an upload cut off
 * halfway leaves nothing; tenancy (another organisation's item and file
 * ids, foreign ids in the form); an ambassadeur's reach; version conflicts;
 * search; the kennisbank's filters; sharing with advisers. Runs on SQLite,
 * or on PostgreSQL when KRING_TEST_PG is set.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Server, Client, ORG, OTHER_ORG, USERS, csrfFrom, hiddenValue, textOf, sleep, request } from './helpers.mjs';
import { sql } from '../lib/database.mjs';

const MAX_UPLOAD = 4096; // KRING_MAX_UPLOAD for this server: small, so "too big" is quick
const MAX_BODY = 65536; // KRING_MAX_BODY: a form without a file
const server = new Server();
let sascha, marieke, fatima, anouk, henk;
const K = `/o/${ORG}/knowledge`;

/* A 1x1 PNG. */
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
		'1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
	'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

before(async () => {
	await server.start({ env: { KRING_MAX_UPLOAD: String(MAX_UPLOAD), KRING_MAX_BODY: String(MAX_BODY) } });
	[sascha, marieke, fatima, anouk, henk] = Array.from({ length: 5 }, (_, i) =>
		new Client(server, { localAddress: `127.0.0.${91 + i}` }));
	await Promise.all([
		sascha.login(USERS.sascha), marieke.login(USERS.marieke), fatima.login(USERS.fatima),
		anouk.login(USERS.anouk), henk.login(USERS.henk),
	]);
});
after(() => server.kill());

const q = (query) => sql(server.db, query);
const communityId = (name, org = ORG) =>
	q(`SELECT c.id FROM communities c JOIN orgs o ON o.id = c.org_id WHERE c.name = '${name}' AND o.slug = '${org}'`);
const taalcafe = () => communityId('Taalcafé voor nieuwkomers');
const count = () => q('SELECT COUNT(*) FROM knowledge_items');
const files = () => q('SELECT COUNT(*) FROM knowledge_files');

/* A multipart/form-data body: fields, then files {field: {name, data}}. */
function multipart(fields, fileParts = {}) {
	const boundary = '----kringtest' + Math.random().toString(16).slice(2);
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		for (const one of Array.isArray(v) ? v : [v])
			parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${one}\r\n`));
	for (const [k, f] of Object.entries(fileParts)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.name}"\r\n` +
			`Content-Type: ${f.type || 'application/octet-stream'}\r\n\r\n`));
		parts.push(Buffer.from(f.data));
		parts.push(Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function send(client, path, fields, fileParts, page) {
	const csrf = await client.csrf(page || path);
	const m = multipart({ csrf, ...fields }, fileParts);
	return client.req('POST', path, { headers: { 'Content-Type': m.type }, body: m.body });
}

const create = (client, fields, fileParts) =>
	send(client, `${K}/new`, fields, fileParts, `${K}/new?community=${fields.community || ''}`);
const idOf = (res) => Number(/\/knowledge\/(\d+)/.exec(res.headers.location)[1]);
const errorOf = (body, field) => {
	const m = new RegExp(`id="f-${field}-error">([^<]*)<`).exec(body);
	return m ? m[1] : null;
};

test('a story in Markdown: saved, shown safely, found by search without its accents', async () => {
	const res = await create(sascha, {
		kind: 'verhaal', community: taalcafe(), title: 'Het Taalcafé kookt: recepten uit tien landen',
		body: '# Wat we leerden\n\nDe **deelnemers** koken.\n\n<script>alert(1)</script>\n\n' +
			'<img src=x onerror=alert(2)>\n\n[klik](javascript:alert(3)) en [data](data:text/html,hoi) en ' +
			'[goed](https://example.org/recept)',
		tags: 'Koken, taal,koken',
	});
	assert.equal(res.status, 303, res.body.slice(0, 500));
	const id = idOf(res);
	const page = await sascha.get(`${K}/${id}`);
	assert.equal(page.status, 200);
	assert.match(page.body, /<strong>deelnemers<\/strong>/);
	assert.match(page.body, /<h3>Wat we leerden<\/h3>/, 'a heading in a text moves below the page headings');
	assert.doesNotMatch(page.body, /<script>alert/);
	assert.doesNotMatch(page.body, /onerror/);
	assert.doesNotMatch(page.body, /javascript:/);
	assert.doesNotMatch(page.body, /href="data:/);
	assert.match(page.body, /href="https:\/\/example.org\/recept"/);
	// tags: trimmed, lower case, once each, and links to the filtered kennisbank
	assert.deepEqual(q(`SELECT tag FROM knowledge_tags WHERE item_id = ${id} ORDER BY tag`).split('\n'), ['koken', 'taal']);
	assert.match(page.body, /href="\/o\/de-sleutel\/knowledge\?tag=koken">#koken</);
	assert.match(textOf(page.body), /Sascha de Vries/, 'the writer is a contributor');
	const found = await sascha.get(`/o/${ORG}/search?q=taalcafe+recepten`);
	assert.match(found.body, new RegExp(`href="/o/${ORG}/knowledge/${id}"`));
	const list = await sascha.get(`${K}?tag=koken`);
	assert.match(list.body, new RegExp(`/knowledge/${id}"`));
	const none = await sascha.get(`${K}?soort=foto&tag=koken`);
	assert.doesNotMatch(none.body, new RegExp(`/knowledge/${id}"`));
});

test('an ambassadeur adds a photo; it is served as an image with a safe disposition and CSP', async () => {
	const res = await create(fatima, {
		kind: 'foto', community: taalcafe(), title: 'Samen aan tafel', alt: 'Deelnemers rond een gedekte tafel',
	}, { file: { name: 'tafel.png', type: 'image/png', data: PNG } });
	assert.equal(res.status, 303, res.body.slice(0, 800));
	const id = idOf(res);
	const page = await fatima.get(`${K}/${id}`);
	const m = /<img src="\/o\/de-sleutel\/files\/(\d+)" alt="Deelnemers rond een gedekte tafel">/.exec(page.body);
	assert.ok(m, 'the photo shows with its description');
	const file = await fatima.get(`/o/${ORG}/files/${m[1]}`);
	assert.equal(file.status, 200);
	assert.equal(file.headers['content-type'], 'image/png');
	assert.match(file.headers['content-disposition'], /^inline; filename="tafel.png"/);
	assert.equal(file.headers['x-content-type-options'], 'nosniff');
	assert.match(String(file.headers['content-security-policy']), /sandbox/);
	assert.equal(Buffer.from(file.body, 'latin1').length > 0, true);
	assert.match(textOf(page.body), /Fatima El Amrani/);
	// a document is an attachment
	const doc = await create(sascha, { kind: 'document', community: taalcafe(), title: 'Verslag' },
		{ file: { name: 'verslag.pdf', type: 'application/pdf', data: PDF } });
	assert.equal(doc.status, 303, doc.body.slice(0, 800));
	const fid = q(`SELECT id FROM knowledge_files WHERE item_id = ${idOf(doc)}`);
	const got = await sascha.get(`/o/${ORG}/files/${fid}`);
	assert.equal(got.headers['content-type'], 'application/pdf');
	assert.match(got.headers['content-disposition'], /^attachment; /);
});

test('refused uploads: a Dutch message beside the field, and nothing stored', async () => {
	const before = [count(), files()];
	const cases = [
		['too big', { kind: 'document' }, { name: 'groot.pdf', data: Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD)]) }, 'file', /te groot/],
		['empty', { kind: 'document' }, { name: 'leeg.pdf', data: Buffer.alloc(0) }, 'file', /leeg/],
		['refused type', { kind: 'document' }, { name: 'pagina.html', data: '<html><script>alert(1)</script>' }, 'file', /soort bestand kan niet/],
		['svg', { kind: 'foto', alt: 'x' }, { name: 'tekening.svg', data: '<svg onload="alert(1)"/>' }, 'file', /soort bestand kan niet/],
		['lying type', { kind: 'foto', alt: 'x' }, { name: 'foto.jpg', data: '<html><script>alert(1)</script></html>' }, 'file', /past niet bij de naam/],
		['a pdf as photo', { kind: 'foto', alt: 'x' }, { name: 'v.pdf', data: PDF }, 'file', /afbeelding/],
		['no file', { kind: 'foto', alt: 'x' }, null, 'file', /Kies een bestand/],
		['photo without description', { kind: 'foto' }, { name: 'a.png', data: PNG }, 'alt', /Beschrijf/],
	];
	for (const [what, fields, file, field, msg] of cases) {
		const res = await create(sascha, { community: taalcafe(), title: `Poging ${what}`, ...fields },
			file ? { file: { name: file.name, data: file.data } } : {});
		assert.equal(res.status, 422, what);
		assert.match(errorOf(res.body, field) || '', msg, `${what}: message beside the field`);
		assert.match(res.body, new RegExp(`value="Poging ${what}"`), `${what}: the title typed is kept`);
	}
	assert.deepEqual([count(), files()], before, 'nothing was stored');
});

test('an upload cut off halfway leaves no row and no file', async () => {
	const before = [count(), files()];
	const csrf = await sascha.csrf(`${K}/new`);
	const m = multipart({ csrf, kind: 'foto', community: taalcafe(), title: 'Half', alt: 'x' },
		{ file: { name: 'half.png', data: Buffer.concat([PNG, Buffer.alloc(3000)]) } });
	await new Promise((resolve) => {
		const sock = net.connect({ host: '127.0.0.1', port: server.port, localAddress: '127.0.0.91' });
		sock.on('connect', () => {
			sock.write(`POST ${K}/new HTTP/1.1\r\nHost: x\r\nCookie: ${sascha.cookieHeader()}\r\n` +
				`Content-Type: ${m.type}\r\nContent-Length: ${m.body.length}\r\n\r\n`);
			sock.write(m.body.subarray(0, Math.floor(m.body.length / 2)));
			setTimeout(() => { sock.destroy(); resolve(); }, 200);
		});
		sock.on('error', resolve);
	});
	await sleep(300);
	assert.deepEqual([count(), files()], before);
	assert.equal((await sascha.get(`${K}`)).status, 200, 'the server is fine');
});

test('tenancy: another organisation\'s item and file ids are not found; foreign ids in the form are refused', async () => {
	const item = q(`SELECT k.id FROM knowledge_items k JOIN knowledge_files f ON f.item_id = k.id LIMIT 1`);
	const file = q(`SELECT id FROM knowledge_files WHERE item_id = ${item}`);
	for (const p of [`/o/${OTHER_ORG}/knowledge/${item}`, `/o/${OTHER_ORG}/files/${file}`,
		`/o/${OTHER_ORG}/knowledge/${item}/edit`, `/o/${OTHER_ORG}/knowledge/${item}/delete`]) {
		assert.equal((await henk.get(p)).status, 404, p);
	}
	assert.equal((await henk.get(`/o/${ORG}/files/${file}`)).status, 404, 'not a member of de-sleutel');
	const before = count();
	const baken = q(`SELECT c.id FROM communities c JOIN orgs o ON o.id = c.org_id WHERE o.slug = '${OTHER_ORG}' LIMIT 1`);
	if (baken) {
		const res = await create(sascha, { kind: 'notitie', community: baken, title: 'Vreemd' });
		assert.equal(res.status, 422);
	}
	const act = q(`SELECT a.id FROM activities a JOIN orgs o ON o.id = a.org_id WHERE o.slug = '${OTHER_ORG}' LIMIT 1`) ||
		q(`SELECT a.id FROM activities a JOIN activity_communities ac ON ac.activity_id = a.id WHERE ac.community_id <> ${taalcafe()} LIMIT 1`);
	if (act) {
		const res = await create(sascha, { kind: 'notitie', community: taalcafe(), title: 'Vreemde bron', source: `a${act}` });
		assert.equal(res.status, 422);
	}
	assert.equal(count(), before);
});

test('an ambassadeur sees and changes only the knowledge of her own communities', async () => {
	const other = q(`SELECT c.id FROM communities c JOIN orgs o ON o.id = c.org_id WHERE o.slug = '${ORG}' AND c.id NOT IN (SELECT community_id FROM community_ambassadors) LIMIT 1`);
	const res = await create(sascha, { kind: 'notitie', community: other, title: 'Alleen voor het team' });
	assert.equal(res.status, 303);
	const id = idOf(res);
	assert.equal((await fatima.get(`${K}/${id}`)).status, 404);
	assert.equal((await fatima.get(`${K}/${id}/edit`)).status, 404);
	const list = await fatima.get(K);
	assert.doesNotMatch(list.body, new RegExp(`/knowledge/${id}"`));
	const before = count();
	const refused = await create(fatima, { kind: 'notitie', community: other, title: 'Mag niet' });
	assert.equal(refused.status, 422);
	assert.equal(count(), before);
	// and cannot share
	const own = q(`SELECT id FROM knowledge_items WHERE community_id = ${taalcafe()} LIMIT 1`);
	const csrf = await fatima.csrf(`${K}/${own}`);
	assert.equal((await fatima.post(`${K}/${own}/share`, { csrf, version: '1', shared: '1' })).status, 403);
});

test('changing an item names the version it saw: a conflict shows both', async () => {
	const res = await create(sascha, { kind: 'notitie', community: taalcafe(), title: 'Eerste versie' });
	const id = idOf(res);
	const ok = await send(sascha, `${K}/${id}/edit`, { kind: 'notitie', community: taalcafe(), title: 'Tweede versie', version: '1' });
	assert.equal(ok.status, 303, ok.body.slice(0, 500));
	const stale = await send(fatima, `${K}/${id}/edit`, { kind: 'notitie', community: taalcafe(), title: 'Derde versie', version: '1' });
	assert.equal(stale.status, 409);
	assert.match(stale.body, /Tweede versie/);
	assert.match(stale.body, /Derde versie/);
	assert.equal(q(`SELECT title FROM knowledge_items WHERE id = ${id}`), 'Tweede versie');
	// delete: with the version seen
	const csrf = await sascha.csrf(`${K}/${id}/delete`);
	assert.equal((await sascha.post(`${K}/${id}/delete`, { csrf, version: '1' })).status, 409);
	assert.equal((await sascha.post(`${K}/${id}/delete`, { csrf, version: '2' })).status, 303);
	assert.equal(q(`SELECT COUNT(*) FROM knowledge_items WHERE id = ${id}`), '0');
});

test('a link needs an http(s) address', async () => {
	const bad = await create(sascha, { kind: 'link', community: taalcafe(), title: 'Link', url: 'javascript:alert(1)' });
	assert.equal(bad.status, 422);
	assert.match(errorOf(bad.body, 'url') || '', /https:\/\//);
	const good = await create(sascha, { kind: 'link', community: taalcafe(), title: 'Taalhuis', url: 'https://www.taalhuis.nl/' });
	assert.equal(good.status, 303);
});

test('sharing: advisers see shared items of the libraries they coach, never unshared ones', async () => {
	const shared = idOf(await create(sascha, { kind: 'verhaal', community: taalcafe(), title: 'Goed voorbeeld om te delen' }));
	const secret = idOf(await create(sascha, { kind: 'verhaal', community: taalcafe(), title: 'Intern verhaal niet delen' }));
	const csrf = await marieke.csrf(`${K}/${shared}`);
	const sharedVersion = hiddenValue((await marieke.get(`${K}/${shared}`)).body, 'version');
	assert.equal((await marieke.post(`${K}/${shared}/share`, { csrf, version: sharedVersion, shared: '1' })).status, 303);
	assert.equal((await sascha.post(`${K}/${shared}/share`, { csrf: await sascha.csrf(`${K}/${shared}`), version: '2', shared: '0' })).status, 403);
	const page = await anouk.get('/adviser/knowledge');
	assert.equal(page.status, 200);
	assert.match(page.body, /Goed voorbeeld om te delen/);
	assert.doesNotMatch(page.body, /Intern verhaal niet delen/);
	assert.match(page.body, new RegExp(`href="/o/${ORG}/knowledge/${shared}"`));
	const mine = await henk.get('/adviser/knowledge');
	assert.doesNotMatch(mine.body, /Goed voorbeeld om te delen/, 'not an adviser of de-sleutel');
	assert.ok(secret > 0);
});

test('the community page has a Kennis section with the latest items and a way to add one', async () => {
	const page = await fatima.get(`/o/${ORG}/communities/${taalcafe()}`);
	assert.equal(page.status, 200);
	assert.match(page.body, /id="h-kennis"/);
	assert.match(page.body, new RegExp(`/o/${ORG}/knowledge/new\\?community=${taalcafe()}`));
});

test('bad multipart bodies are refused as a whole', async () => {
	const csrf = await sascha.csrf(`${K}/new`);
	const res = await sascha.req('POST', `${K}/new`, {
		headers: { 'Content-Type': 'multipart/form-data; boundary=abc' },
		body: `--abc\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--abc\r\nno headers`,
	});
	assert.equal(res.status, 400);
	assert.ok(csrfFrom(res.body) !== undefined);
});

test('contributors and sources are checked in core: another organisation\'s person or another community\'s conversation is refused', async () => {
	const before = count();
	const henkId = q(`SELECT id FROM persons WHERE email = '${USERS.henk}'`);
	const res = await create(sascha, { kind: 'notitie', community: taalcafe(), title: 'Met een vreemde', contributor: henkId });
	assert.equal(res.status, 422);
	assert.match(res.body, /hoort niet bij deze community/);
	const conv = q(`SELECT id FROM conversations WHERE community_id IS NOT NULL AND community_id <> ${taalcafe()} LIMIT 1`);
	if (conv) {
		const bad = await create(sascha, { kind: 'notitie', community: taalcafe(), title: 'Vreemd gesprek', source: `c${conv}` });
		assert.equal(bad.status, 422);
	}
	assert.equal(count(), before);
	const jeroenId = q(`SELECT id FROM persons WHERE email = '${USERS.jeroen}'`);
	const ok = await create(sascha, { kind: 'notitie', community: taalcafe(), title: 'Samen geschreven', contributor: jeroenId });
	assert.equal(ok.status, 303);
	assert.match(textOf((await sascha.get(`${K}/${idOf(ok)}`)).body), /Jeroen Bakker, Sascha de Vries/);
});

test('a photo item changed into a note loses its file; a story keeps its photo without sending it again', async () => {
	const res = await create(sascha, { kind: 'verhaal', community: taalcafe(), title: 'Verhaal met foto', alt: 'Een tafel' },
		{ file: { name: 'tafel.png', data: PNG } });
	assert.equal(res.status, 303, res.body.slice(0, 500));
	const id = idOf(res);
	assert.equal(q(`SELECT COUNT(*) FROM knowledge_files WHERE item_id = ${id}`), '1');
	const kept = await send(sascha, `${K}/${id}/edit`, { kind: 'verhaal', community: taalcafe(), title: 'Verhaal met foto, gewijzigd', alt: 'Een gedekte tafel', version: '1' });
	assert.equal(kept.status, 303, kept.body.slice(0, 500));
	assert.equal(q(`SELECT alt FROM knowledge_files WHERE item_id = ${id}`), 'Een gedekte tafel');
	const note = await send(sascha, `${K}/${id}/edit`, { kind: 'notitie', community: taalcafe(), title: 'Nu een notitie', version: '2' });
	assert.equal(note.status, 303);
	assert.equal(q(`SELECT COUNT(*) FROM knowledge_files WHERE item_id = ${id}`), '0');
});

test('only a page that takes a file takes the larger body: elsewhere a multipart body over the limit is refused (413)', async () => {
	const csrf = await sascha.csrf(`${K}/new`);
	const m = multipart({ csrf, kind: 'document', community: taalcafe(), title: 'Groot' },
		{ file: { name: 'groot.pdf', data: Buffer.concat([PDF, Buffer.alloc(MAX_BODY)]) } });
	assert.ok(m.body.length > MAX_BODY && m.body.length < MAX_BODY + MAX_UPLOAD);
	const here = await sascha.req('POST', `${K}/new`, { headers: { 'Content-Type': m.type }, body: m.body });
	assert.equal(here.status, 422, 'the knowledge form reads it and says the file is too big');
	assert.match(errorOf(here.body, 'file') || '', /te groot/);
	const elsewhere = await marieke.req('POST', `/o/${ORG}/branches`, { headers: { 'Content-Type': m.type }, body: m.body });
	assert.equal(elsewhere.status, 413);
	const login = await request(server, 'POST', '/login', { headers: { 'Content-Type': m.type }, body: m.body });
	assert.equal(login.status, 413);
});
