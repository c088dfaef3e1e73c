/*
 * helpers.mjs - shared tools for the HTTP tests: start a kring server on a
 * fresh demo database, a small cookie-jar client, and HTML scraping helpers.
 *
 * The binary comes from KRING_BIN (default build/kring), so CI can point the
 * tests at the AddressSanitizer build. Only Node's own modules are used.
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { freshDatabase } from '../lib/database.mjs';

/* The repository root: KRING_BIN may be relative to it (build-asan/kring). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KRING_BIN = path.resolve(ROOT, process.env.KRING_BIN || 'build/kring');
export const PASSWORD = 'welkom-in-de-bieb';
export const ORG = 'de-sleutel';
export const OTHER_ORG = 'het-baken';

/* Dutch texts the tests look for (src/i18n/nl.def). */
export const TXT = {
	loginFailed: 'Inloggen is niet gelukt.',
	throttled: 'Er is te vaak geprobeerd in te loggen.',
	err400: 'Dat begrijpen we niet',
	err403: 'Geen toegang',
	err404: 'Pagina niet gevonden',
	err413: 'Te veel tekst in één keer',
	conflict: 'Iemand anders heeft dit intussen ook gewijzigd.',
	conflictTheirs: 'Wat de ander heeft opgeslagen',
	loggedOut: 'Je bent uitgelogd. Tot de volgende keer!',
	lastAdmin: 'dan heeft de organisatie geen beheerder meer',
};

/* Demo accounts (src/core/demo.c). */
export const USERS = {
	marieke: 'marieke@desleutel.nl', // beheerder, de-sleutel
	sascha: 'sascha@desleutel.nl', // medewerker, de-sleutel
	jeroen: 'jeroen@desleutel.nl', // medewerker, de-sleutel
	anouk: 'anouk@rijnbrink.nl', // adviseur, de-sleutel and het-baken
	fatima: 'fatima@voorbeeld.nl', // ambassadeur, de-sleutel
	henk: 'henk@hetbaken.nl', // beheerder, het-baken only
};

export function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/* Runs a kring command line (not serve); returns stdout. Throws on exit != 0. */
export function kring(args, opts = {}) {
	return execFileSync(KRING_BIN, args, {
		encoding: 'utf8',
		stdio: ['pipe', 'pipe', 'pipe'],
		...opts,
	});
}

/* `kring routes` as [{method, pattern, access, roles: [..]}]. */
export function routeTable() {
	return kring(['routes'])
		.split('\n')
		.filter((l) => l.trim() !== '')
		.map((line) => {
			const [method, pattern, access, roles] = line.split('\t');
			return {
				method,
				pattern,
				access,
				roles: roles === '-' || roles === undefined ? [] : roles.split(','),
			};
		});
}

/* ---- the server ---- */

export class Server {
	/* db: another server's database, to run a second instance on it (its demo is not loaded again) */
	constructor({ db } = {}) {
		this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-http-'));
		this.db = db || freshDatabase(this.dir);
		this.demoLoaded = Boolean(db);
		this.stderr = '';
		this.proc = null;
		this.exit = null; // {code, signal} once exited
		this.port = 0;
	}

	get base() {
		return `http://127.0.0.1:${this.port}`;
	}

	/* Another kring command on this server's database. */
	cli(args) {
		return kring([...args, '--db', this.db]);
	}

	async #spawnOnce(port, args, env) {
		this.stderr = '';
		this.exit = null;
		const proc = spawn(
			KRING_BIN,
			['serve', '--db', this.db, '--listen', `127.0.0.1:${port}`, ...args],
			{ env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
		);
		this.proc = proc;
		this.port = port;
		proc.stderr.setEncoding('utf8');
		proc.stderr.on('data', (d) => {
			this.stderr += d;
		});
		this.exited = new Promise((resolve) => {
			// 'close': after the exit and after all of stderr was read
			proc.on('close', (code, signal) => {
				this.exit = { code, signal };
				resolve(this.exit);
			});
		});
		const deadline = Date.now() + 30000;
		while (Date.now() < deadline) {
			if (this.exit) return false;
			// only our own process: another server may hold this port already
			if (!this.stderr.includes(`listening on http://127.0.0.1:${port}/`)) {
				await sleep(20);
				continue;
			}
			try {
				const r = await request(this, 'GET', '/healthz', { timeout: 2000 });
				if (r.status === 200 && r.body === 'ok') return true;
			} catch {
				/* not listening yet */
			}
			await sleep(50);
		}
		throw new Error(`kring did not answer /healthz within 30 s:\n${this.stderr}`);
	}

	/*
	 * Starts `kring serve` on a random free loopback port after loading the
	 * demo data. args: extra serve options; env: extra environment.
	 */
	async start({ args = [], env = {}, demo = true } = {}) {
		if (demo && !this.demoLoaded) {
			kring(["demo", "--db", this.db]);
			this.demoLoaded = true;
		}
		for (let attempt = 0; attempt < 20; attempt++) {
			const port = 20000 + Math.floor(Math.random() * 20000);
			if (await this.#spawnOnce(port, args, env)) return this;
			if (!/cannot listen/.test(this.stderr))
				throw new Error(`kring serve exited early (${JSON.stringify(this.exit)}):\n${this.stderr}`);
		}
		throw new Error('no free port found for kring serve');
	}

	/* Problems the sanitizers reported on stderr so far. */
	sanitizerReports() {
		return this.stderr
			.split('\n')
			.filter((l) => /ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer/.test(l));
	}

	/*
	 * SIGTERM, then waits for the exit. Asserts exit status 0 and no
	 * sanitizer report. Returns {code, signal}.
	 */
	async stop({ timeoutMs = 20000, keep = false } = {}) {
		if (!this.proc) return null;
		if (!this.exit) this.proc.kill('SIGTERM');
		let timer;
		const timeout = new Promise((resolve) => {
			timer = setTimeout(() => resolve('timeout'), timeoutMs);
		});
		const res = await Promise.race([this.exited, timeout]);
		clearTimeout(timer);
		if (res === 'timeout') {
			this.proc.kill('SIGKILL');
			await this.exited;
			assert.fail(`kring did not stop within ${timeoutMs} ms after SIGTERM:\n${this.stderr}`);
		}
		this.proc = null;
		assert.deepEqual(this.sanitizerReports(), [], `sanitizer reports:\n${this.stderr}`);
		assert.equal(res.signal, null, `kring died of a signal:\n${this.stderr}`);
		assert.equal(res.code, 0, `kring exited with ${res.code}:\n${this.stderr}`);
		if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
		return res;
	}

	/* Last resort in after(): never leave a server behind. */
	kill() {
		if (this.proc && !this.exit) this.proc.kill('SIGKILL');
		fs.rmSync(this.dir, { recursive: true, force: true });
	}

	/* TCP sockets the server process holds open (Linux /proc): listening and accepted. */
	socketCount() {
		// only TCP sockets: kring's own database connections (PostgreSQL over a
		// Unix socket, opened lazily per worker) are not clients
		const tcp = new Set();
		for (const table of ['tcp', 'tcp6']) {
			let text = '';
			try {
				text = fs.readFileSync(`/proc/${this.proc.pid}/net/${table}`, 'utf8');
			} catch {
				continue;
			}
			for (const line of text.split('\n').slice(1)) {
				const cols = line.trim().split(/\s+/);
				if (cols.length > 9) tcp.add(cols[9]);
			}
		}
		const dir = `/proc/${this.proc.pid}/fd`;
		return fs.readdirSync(dir).filter((fd) => {
			try {
				const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`${dir}/${fd}`));
				return m !== null && tcp.has(m[1]);
			} catch {
				return false;
			}
		}).length;
	}

	/* Sends SIGTERM without waiting. */
	term() {
		this.proc.kill('SIGTERM');
	}
}

/* ---- HTTP ---- */

/*
 * One HTTP request without redirects. opts: headers, body (string/Buffer),
 * cookie (header value), localAddress (source address, e.g. 127.0.0.5:
 * each loopback address counts as its own client for throttling and
 * connection limits), chunks (array: send the body chunked), timeout (ms).
 * Resolves {status, headers, body, cookies: {name: {value, attrs}}, setCookie}.
 */
export function request(server, method, urlPath, opts = {}) {
	return new Promise((resolve, reject) => {
		const headers = { ...(opts.headers || {}) };
		if (opts.cookie) headers.Cookie = opts.cookie;
		let body = opts.body;
		if (body !== undefined && !opts.chunks) headers['Content-Length'] = Buffer.byteLength(body);
		let response = null;
		let finish = null;
		const req = http.request(
			{
				host: '127.0.0.1',
				port: server.port,
				method,
				path: urlPath,
				headers,
				agent: false,
				localAddress: opts.localAddress,
				timeout: opts.timeout ?? 60000,
			},
			(res) => {
				response = res;
				const parts = [];
				finish = () => {
					const raw = Buffer.concat(parts);
					const setCookie = res.headers['set-cookie'] || [];
					resolve({
						status: res.statusCode,
						headers: res.headers,
						raw,
						body: raw.toString('utf8'),
						setCookie,
						cookies: parseSetCookies(setCookie),
						complete: res.complete,
					});
				};
				res.on('data', (d) => parts.push(d));
				res.on('end', finish);
				res.on('error', finish);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
		// the server may answer early (413) and close while the body is still
		// being sent: what it answered counts, the failed write does not
		req.on('error', (e) => (response ? setImmediate(finish) : reject(e)));
		if (opts.chunks) {
			for (const c of opts.chunks) req.write(c);
			req.end();
		} else {
			req.end(body);
		}
	});
}

/* {name: {value, attrs: [lower-case attribute strings]}} */
export function parseSetCookies(list) {
	const out = {};
	for (const line of list) {
		const [nv, ...attrs] = line.split(';').map((s) => s.trim());
		const eq = nv.indexOf('=');
		out[nv.slice(0, eq)] = { value: nv.slice(eq + 1), attrs, line };
	}
	return out;
}

export function form(fields) {
	return new URLSearchParams(fields).toString();
}

export const FORM_CT = 'application/x-www-form-urlencoded';

/* A browser-like visitor: a cookie jar bound to one server and source address. */
export class Client {
	constructor(server, { localAddress } = {}) {
		this.server = server;
		this.localAddress = localAddress;
		this.jar = new Map();
		this.email = null;
	}

	cookieHeader() {
		return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	get session() {
		return this.jar.get('kring_session');
	}

	store(res) {
		for (const [name, c] of Object.entries(res.cookies)) {
			if (c.value === '' || c.attrs.some((a) => /^max-age=0$/i.test(a))) this.jar.delete(name);
			else this.jar.set(name, c.value);
		}
	}

	async req(method, urlPath, opts = {}) {
		const res = await request(this.server, method, urlPath, {
			localAddress: this.localAddress,
			cookie: this.jar.size ? this.cookieHeader() : undefined,
			...opts,
		});
		this.store(res);
		return res;
	}

	get(urlPath, opts = {}) {
		return this.req('GET', urlPath, opts);
	}

	/* POST an urlencoded form; csrf: true adds the token of the last page seen. */
	post(urlPath, fields = {}, opts = {}) {
		return this.req('POST', urlPath, {
			headers: { 'Content-Type': FORM_CT, ...(opts.headers || {}) },
			body: form(fields),
			...opts,
		});
	}

	/*
	 * The CSRF token for this client's forms: from pagePath, or from the
	 * login page (logged out) or any page with the header's logout form.
	 */
	async csrf(pagePath) {
		const p = pagePath || (this.session ? '/geen-pagina' : '/login');
		const res = await this.get(p);
		const tok = csrfFrom(res.body);
		assert.ok(tok, `no csrf token on ${p} (status ${res.status})`);
		return tok;
	}

	/* POST /login; returns the response (303 on success). */
	async loginRaw(email, password = PASSWORD, next) {
		const page = await this.get('/login');
		const csrf = csrfFrom(page.body);
		assert.ok(csrf, 'login page has a csrf token');
		const fields = { email, password, csrf };
		if (next !== undefined) fields.next = next;
		return this.post('/login', fields);
	}

	async login(email, password = PASSWORD) {
		const res = await this.loginRaw(email, password);
		assert.equal(res.status, 303, `login of ${email} gives 303 (got ${res.status}):\n${res.body.slice(0, 2000)}`);
		assert.ok(this.session, `login of ${email} sets kring_session`);
		this.email = email;
		return res;
	}
}

/* ---- HTML ---- */

export function csrfFrom(html) {
	const m = /<input type="hidden" name="csrf" value="([^"]*)">/.exec(html);
	return m ? m[1] : null;
}

export function hiddenValue(html, name) {
	const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
	return m ? m[1] : null;
}

/* Branch ids on a branches page (admin view: a "Wijzigen" link per row to the branch's own page). */
export function branchIds(html, org) {
	const re = new RegExp(`<a class="utrecht-link" href="/o/${org}/branches/(\\d+)">`, 'g');
	return [...html.matchAll(re)].map((m) => Number(m[1]));
}

/* Person ids on a people page (a "Wijzigen" link per row to the person's own page). */
export function personIds(html, org) {
	const re = new RegExp(`<a class="utrecht-link" href="/o/${org}/people/(\\d+)">`, 'g');
	return [...html.matchAll(re)].map((m) => Number(m[1]));
}

/*
 * The rows of the table in <main> as arrays of cell texts, with the id of
 * the row's "Wijzigen" link (/o/<org>/<what>/<id>) when there is one:
 * [{cells: ['Naam', 'Plaats', ...], id, link: 'Wijzigen Naam'}].
 */
export function tableRows(html) {
	const body = /<tbody[^>]*>(.*?)<\/tbody>/s.exec(html);
	if (!body) return [];
	return [...body[1].matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((tr) => {
		const cells = [...tr[1].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((td) => textOf(td[1]).trim());
		const a = /<a class="utrecht-link" href="\/o\/[^/]+\/[a-z]+\/(\d+)">(.*?)<\/a>/s.exec(tr[1]);
		return { cells, id: a ? Number(a[1]) : null, link: a ? textOf(a[2]).trim() : null, html: tr[0] };
	});
}

/* People on a people page: [{name, email, role, id}]. */
export function peopleRows(html) {
	return tableRows(html).map((r) => ({ name: r.cells[0], email: r.cells[1], role: r.cells[2], id: r.id, link: r.link }));
}

/* Branches on a branches page: [{name, place, id}] (id null in the read-only view). */
export function branchRows(html) {
	return tableRows(html).map((r) => ({ name: r.cells[0], place: r.cells[1], id: r.id, link: r.link }));
}

/* Decodes the entities kring's HTML writer produces. */
export function unescapeHtml(s) {
	return s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}

/* Text content of the page without tags (for "shows the message" checks). */
export function textOf(html) {
	return unescapeHtml(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}

/* Standard checks on an error page in Dutch. */
export function assertDutchError(res, status, title) {
	assert.equal(res.status, status, `expected ${status}, got ${res.status}:\n${res.body.slice(0, 1500)}`);
	assert.match(res.headers['content-type'] || '', /^text\/html/);
	assert.ok(res.body.includes('<html lang="nl"'), 'a Dutch page');
	if (title) assert.ok(res.body.includes(title), `page shows "${title}"`);
}

/*
 * Sends raw bytes on a new connection and collects the answer until the
 * server closes or timeoutMs passes. Resolves {status, head, body, raw}
 * (status 0 when nothing came back).
 */
export function rawRequest(server, bytes, { timeoutMs = 5000, localAddress } = {}) {
	return new Promise((resolve, reject) => {
		const sock = net.connect({ host: '127.0.0.1', port: server.port, localAddress });
		const parts = [];
		const done = () => {
			clearTimeout(timer);
			sock.destroy();
			const raw = Buffer.concat(parts).toString('latin1');
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
			const i = raw.indexOf('\r\n\r\n');
			resolve({
				status: m ? Number(m[1]) : 0,
				headers: headersOf(i >= 0 ? raw.slice(0, i) : raw),
				head: i >= 0 ? raw.slice(0, i) : raw,
				body: i >= 0 ? Buffer.from(raw.slice(i + 4), 'latin1').toString('utf8') : '',
				raw,
			});
		};
		const timer = setTimeout(done, timeoutMs);
		sock.on('data', (d) => {
			parts.push(d);
			// one complete response with Content-Length is enough
			const raw = Buffer.concat(parts).toString('latin1');
			const i = raw.indexOf('\r\n\r\n');
			const cl = /\r\ncontent-length: *(\d+)/i.exec(raw.slice(0, i >= 0 ? i : raw.length));
			if (i >= 0 && cl && Buffer.byteLength(raw.slice(i + 4), 'latin1') >= Number(cl[1])) done();
		});
		sock.on('end', done);
		sock.on('error', (e) => (parts.length ? done() : reject(e)));
		sock.write(bytes);
	});
}

/*
 * Uploads a large body: sends the head, waits a moment for an early answer
 * (kring answers 413 as soon as it sees a Content-Length over the limit, and
 * then closes: a client still writing may get a reset that loses the
 * answer), and only then writes the body. head: the request line and headers
 * (without the blank line); body: Buffer or string.
 */
export function rawUpload(server, head, body, { timeoutMs = 15000, localAddress } = {}) {
	return new Promise((resolve) => {
		const sock = net.connect({ host: '127.0.0.1', port: server.port, localAddress });
		const parts = [];
		let finished = false;
		const done = (why) => {
			if (finished) return;
			finished = true;
			clearTimeout(timer);
			sock.destroy();
			const raw = Buffer.concat(parts).toString('latin1');
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
			const i = raw.indexOf('\r\n\r\n');
			resolve({
				status: m ? Number(m[1]) : 0,
				headers: headersOf(i >= 0 ? raw.slice(0, i) : raw),
				head: i >= 0 ? raw.slice(0, i) : raw,
				body: i >= 0 ? Buffer.from(raw.slice(i + 4), 'latin1').toString('utf8') : '',
				why,
			});
		};
		const timer = setTimeout(() => done('timeout'), timeoutMs);
		sock.on('data', (d) => {
			parts.push(d);
			const raw = Buffer.concat(parts).toString('latin1');
			const i = raw.indexOf('\r\n\r\n');
			const cl = /\r\ncontent-length: *(\d+)/i.exec(raw.slice(0, i >= 0 ? i : raw.length));
			if (i >= 0 && cl && Buffer.byteLength(raw.slice(i + 4), 'latin1') >= Number(cl[1])) done('complete');
		});
		sock.on('end', () => done('end'));
		sock.on('close', () => done('close'));
		sock.on('error', () => {
			/* EPIPE/ECONNRESET after an early answer: keep what was read */
		});
		sock.on('connect', async () => {
			sock.write(`${head}\r\n\r\n`);
			await sleep(300);
			const buf = Buffer.from(body);
			for (let off = 0; off < buf.length && !finished && !sock.destroyed; off += 65536) {
				if (!sock.write(buf.subarray(off, off + 65536)))
					await new Promise((r) => {
						sock.once('drain', r);
						sock.once('close', r);
					});
			}
		});
	});
}

/* Response head -> {lower-case name: value} (last one wins). */
function headersOf(head) {
	const h = {};
	for (const line of head.split('\r\n').slice(1)) {
		const c = line.indexOf(':');
		if (c > 0) h[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
	}
	return h;
}
