/*
 * nginx.test.mjs - the shipped reverse proxy configuration
 * (contrib/nginx/kring.conf) in front of kring on loopback: it serves kring
 * over TLS, and 1,000 slow senders (one header byte every 5 s from ten
 * addresses, reconnecting when let go) neither starve it nor reach kring.
 * Skipped with a message when nginx or openssl is missing.
 *
 * The test changes only what a machine-specific file must: the listen
 * addresses, the certificate (a fresh self-signed one) and kring's port; it
 * checks each of those lines is there, so the shipped file cannot drift from
 * what is tested. The main nginx.conf around it carries what the file's
 * header asks of the operator (worker_connections 4096).
 * The 100 ms bound on the median /healthz is explained in pressure.test.mjs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { Server, ROOT, sleep } from './helpers.mjs';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
let OPENSSL = true;
try {
	execFileSync('openssl', ['version'], { stdio: 'pipe' });
} catch {
	OPENSSL = false;
}
const missing = !NGINX ? 'nginx is not installed (apt install nginx)' : !OPENSSL ? 'openssl is not installed' : null;

const kring = new Server();
let dir, nginx, nginxLog = '';
let tlsPort, httpPort;

function freePort() {
	return 20000 + Math.floor(Math.random() * 20000);
}

/* The shipped configuration with this machine's addresses; throws if a line is missing. */
function configFor() {
	let conf = fs.readFileSync(path.join(ROOT, 'contrib/nginx/kring.conf'), 'utf8');
	const swap = (from, to) => {
		assert.ok(conf.includes(from), `contrib/nginx/kring.conf has "${from}"`);
		conf = conf.split(from).join(to);
	};
	swap('listen 443 ssl http2;', `listen 127.0.0.1:${tlsPort} ssl http2;`);
	swap('listen [::]:443 ssl http2;', '');
	swap('listen 80;', `listen 127.0.0.1:${httpPort};`);
	swap('listen [::]:80;', '');
	swap('/etc/letsencrypt/live/kring.example.nl/fullchain.pem', path.join(dir, 'cert.pem'));
	swap('/etc/letsencrypt/live/kring.example.nl/privkey.pem', path.join(dir, 'key.pem'));
	swap('server 127.0.0.1:8080;', `server 127.0.0.1:${kring.port};`);
	return conf;
}

before(async () => {
	if (missing) return;
	await kring.start({ args: ['--behind-tls', '--trusted-proxy', '127.0.0.1'], env: { KRING_METRICS_ALLOW: '127.0.0.1' } });
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-nginx-'));
	fs.chmodSync(dir, 0o755); // nginx's workers run as another user
	execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
		'-subj', '/CN=kring.example.nl', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'pipe' });
	for (let attempt = 0; attempt < 10; attempt++) {
		tlsPort = freePort();
		httpPort = freePort();
		fs.writeFileSync(path.join(dir, 'kring.conf'), configFor());
		fs.writeFileSync(path.join(dir, 'nginx.conf'), `
daemon off;
worker_processes auto;
worker_rlimit_nofile 8192;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	include ${dir}/kring.conf;
}
`);
		nginxLog = '';
		nginx = spawn(NGINX, ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`], { stdio: ['ignore', 'ignore', 'pipe'] });
		nginx.stderr.on('data', (d) => (nginxLog += d));
		for (let i = 0; i < 50; i++) {
			await sleep(100);
			if (nginx.exitCode !== null) break;
			const res = await healthz('127.0.0.1').catch(() => null);
			if (res && res.ok) return;
		}
		nginx.kill('SIGKILL');
	}
	throw new Error(`nginx did not start:\n${nginxLog}\n${fs.readFileSync(`${dir}/error.log`, 'utf8')}`);
});

after(async () => {
	if (nginx && nginx.exitCode === null) {
		nginx.kill('SIGQUIT');
		await new Promise((resolve) => nginx.once('exit', resolve));
	}
	kring.kill();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/* GET /healthz through nginx over TLS on a fresh connection: {ok, ms, status}. */
function healthz(localAddress) {
	const t0 = process.hrtime.bigint();
	return new Promise((resolve) => {
		const req = https.get(
			{ host: '127.0.0.1', port: tlsPort, path: '/healthz', localAddress, rejectUnauthorized: false, agent: false, timeout: 5000, servername: 'kring.example.nl' },
			(res) => {
				let body = '';
				res.on('data', (d) => (body += d));
				res.on('end', () => resolve({ ok: res.statusCode === 200 && body === 'ok', status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
			},
		);
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve({ ok: false, ms: Infinity }));
	});
}

test('nginx with the shipped configuration serves kring over TLS and sends plain http to https', { skip: missing ?? false }, async () => {
	const res = await healthz('127.0.0.1');
	assert.ok(res.ok, `/healthz through nginx (${res.status})`);
	const plain = execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{redirect_url}', `http://127.0.0.1:${httpPort}/login`]).toString();
	assert.match(plain, /^301 https:\/\/127\.0\.0\.1\/login$/, `plain http is sent to https (${plain})`);
	// /metrics: kring answers its named address directly, never through the proxy
	const direct = execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `http://127.0.0.1:${kring.port}/metrics`]).toString();
	assert.equal(direct, '200', 'kring answers /metrics to the address KRING_METRICS_ALLOW names');
	const proxied = execFileSync('curl', ['-sk', '-o', '/dev/null', '-w', '%{http_code}', `https://127.0.0.1:${tlsPort}/metrics`]).toString();
	assert.equal(proxied, '404', 'nginx does not pass /metrics on');
});

test('1,000 slow senders at nginx (one header byte every 5 s, ten addresses): kring stays reachable and never sees them', { skip: missing ?? false }, async () => {
	// the attacker runs as its own process, so the probes here measure nginx and kring
	const attacker = spawn(process.execPath, [path.join(ROOT, 'tests/http/slow-senders.mjs'), String(tlsPort), '1', '127.0.9', '10', '100', '15'], { stdio: ['ignore', 'pipe', 'inherit'] });
	let out = '';
	attacker.stdout.on('data', (d) => (out += d));
	const done = new Promise((resolve) => attacker.on('close', resolve));
	await sleep(2000);
	const kringHeld = kring.socketCount();
	const results = [];
	for (let i = 0; i < 24; i++) {
		results.push(await healthz(`127.0.10.${i + 1}`));
		await sleep(500);
	}
	await done;
	const { connects, cut, longest } = JSON.parse(out);
	const ms = results.map((r) => r.ms).sort((a, b) => a - b);
	const median = ms[Math.floor(ms.length / 2)];
	const shown = ms.map((m) => (m === Infinity ? 'none' : m.toFixed(1))).join(', ');
	console.log(`# nginx: ${connects} slow connects, kring held ${kringHeld} sockets during the attack, ${cut} cut at nginx's deadline, longest ${(longest / 1000).toFixed(1)} s, /healthz median ${median.toFixed(1)} ms`);
	assert.ok(results.every((r) => r.ok), `every probe answered ok through nginx (${shown} ms)`);
	assert.ok(median < 100, `/healthz through nginx answers in under 100 ms (median ${median.toFixed(1)} ms; ${shown})`);
	// each probe is a fresh TLS handshake while the attacker makes 1,000 of its own
	// every 10 s on the same two cores: a single probe may wait, none is starved
	assert.ok(ms[ms.length - 1] < 3000, `and none waits like a starved server (${shown})`);
	assert.ok(kringHeld < 64, `the slow senders never reach kring (it held ${kringHeld} sockets)`);
	assert.ok(cut > 0 && longest < 12500, `nginx cuts a request head after 10 s (longest ${longest} ms, ${cut} cut)`);
});
