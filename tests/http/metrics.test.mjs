/*
 * metrics.test.mjs - /metrics for Prometheus and the request log (issue 14).
 *
 * /metrics answers only the addresses KRING_METRICS_ALLOW names (404 to every
 * other, and to all when it is unset); it speaks the Prometheus text format;
 * it counts requests by route pattern and status with a latency histogram,
 * database time, sessions and signals; and neither it nor the request log
 * (--log requests) ever holds an id, a query or a name from a URL.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Server, Client, USERS, ORG } from './helpers.mjs';

const servers = [];
after(() => servers.forEach((s) => s.kill()));

async function serve(opts) {
	const s = await new Server().start(opts);
	servers.push(s);
	return s;
}

/* Every line of the Prometheus text format 0.0.4 is a comment or a sample. */
function assertExposition(text) {
	for (const line of text.split('\n').filter(Boolean)) {
		if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
		assert.match(line, /^[a-z_]+(\{([a-z_]+="[^"\\\n]*",?)*\})? [0-9.e+-]+$|^[a-z_]+\{[^}]*le="\+Inf"[^}]*\} \d+$/, line);
	}
}

/* The value of one sample, by its name and labels as written. */
function sample(text, nameAndLabels) {
	const line = text.split('\n').find((l) => l.startsWith(`${nameAndLabels} `));
	return line === undefined ? undefined : Number(line.slice(nameAndLabels.length + 1));
}

test('without KRING_METRICS_ALLOW /metrics does not exist for anyone', async () => {
	const s = await serve();
	const c = new Client(s);
	assert.equal((await c.get('/metrics')).status, 404);
	await c.login(USERS.marieke);
	assert.equal((await c.get('/metrics')).status, 404, 'not for a beheerder either');
});

test('an address that is not named gets 404', async () => {
	const s = await serve({ env: { KRING_METRICS_ALLOW: '10.1.2.3, 192.0.2.7' } });
	assert.equal((await new Client(s).get('/metrics')).status, 404);
});

test('a named address reads counters by route pattern, status, latency and database time', async () => {
	const s = await serve({ env: { KRING_METRICS_ALLOW: '192.0.2.7,127.0.0.1' } });
	const c = new Client(s);
	await c.login(USERS.sascha);
	for (let i = 0; i < 3; i++) assert.equal((await c.get(`/o/${ORG}/communities?zoek=Fatima`)).status, 200);
	assert.equal((await c.get(`/o/${ORG}/communities/999999`)).status, 404);
	const res = await new Client(s).get('/metrics');
	assert.equal(res.status, 200);
	assert.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
	const text = res.body;
	assertExposition(text);
	const list = 'method="GET",route="/o/:org/communities"';
	assert.equal(sample(text, `kring_requests_total{${list},status="200"}`), 3);
	assert.equal(sample(text, 'kring_requests_total{method="GET",route="/o/:org/communities/:id",status="404"}'), 1);
	assert.equal(sample(text, 'kring_requests_total{method="POST",route="/login",status="303"}'), 1);
	assert.equal(sample(text, `kring_request_duration_seconds_count{${list}}`), 3);
	assert.equal(sample(text, `kring_request_duration_seconds_bucket{${list},le="+Inf"}`), 3);
	// buckets are cumulative
	const buckets = text.split('\n').filter((l) => l.startsWith(`kring_request_duration_seconds_bucket{${list},`)).map((l) => Number(l.split(' ').pop()));
	assert.ok(buckets.length > 5);
	for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i] >= buckets[i - 1], 'cumulative buckets');
	assert.ok(sample(text, `kring_request_duration_seconds_sum{${list}}`) > 0);
	assert.ok(sample(text, `kring_db_seconds_total{${list}}`) > 0, 'database time is measured');
	assert.ok(sample(text, `kring_response_bytes_total{${list}}`) > 3 * 1000);
	assert.ok(sample(text, 'kring_sessions') >= 1);
	assert.ok(sample(text, 'kring_organisations') >= 2);
	assert.ok(text.split('\n').some((l) => /^kring_signals\{kind="[a-z_]+"\} \d+$/.test(l)));
	// a pattern, never an address: no ids, no query, no names
	assert.doesNotMatch(text, /999999|zoek|Fatima|de-sleutel|sascha/i);
});

test('the request log writes one line per request with the route pattern, never the address', async () => {
	const quiet = await serve();
	await new Client(quiet).get('/login');
	assert.doesNotMatch(quiet.stderr, /kring: request /, 'quiet by default');
	const s = await serve({ args: ['--log', 'requests'] });
	const c = new Client(s);
	await c.login(USERS.sascha);
	await c.get(`/o/${ORG}/communities/424242?zoek=Fatima`);
	await new Promise((r) => setTimeout(r, 100));
	const lines = s.stderr.split('\n').filter((l) => l.startsWith('kring: request '));
	assert.ok(lines.length >= 3, s.stderr);
	for (const l of lines)
		assert.match(l, /^kring: request \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (GET|POST|-) \S+ \d{3} \d+\.\d{3}ms db \d+\.\d{3}ms \d+B$/, l);
	assert.ok(lines.some((l) => l.includes(' GET /o/:org/communities/:id 404 ')), lines.join('\n'));
	assert.doesNotMatch(s.stderr, /424242|zoek|Fatima|de-sleutel|sascha@|welkom/);
});
