/*
 * contrib.test.mjs - the systemd unit an operator installs kring with
 * (contrib/systemd/kring.service, issue 14): systemd accepts it, its
 * hardening holds (systemd's own exposure score), kring accepts the command
 * line it runs, and the settings file names only variables kring reads.
 * (The nginx configuration in contrib/nginx is started and attacked by
 * nginx.test.mjs.) Skipped with a message when systemd-analyze is missing.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, KRING_BIN, sleep } from './helpers.mjs';

const ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => fs.existsSync(p));
const skip = ANALYZE ? false : 'systemd-analyze is not installed (apt install systemd)';
const unit = fs.readFileSync(path.join(ROOT, 'contrib/systemd/kring.service'), 'utf8');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-contrib-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/* The unit with its ExecStart pointing at the kring under test (systemd checks the binary exists). */
function localUnit() {
	assert.ok(unit.includes('/usr/local/bin/kring '), 'ExecStart runs /usr/local/bin/kring');
	const file = path.join(dir, 'kring.service');
	fs.writeFileSync(file, unit.split('/usr/local/bin/kring ').join(`${KRING_BIN} `));
	return file;
}

test('systemd accepts the unit', { skip }, () => {
	const r = spawnSync(ANALYZE, ['verify', localUnit()], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	assert.doesNotMatch(r.stderr, /kring\.service/, `no complaint about the unit: ${r.stderr}`);
});

test('the unit is hardened: its own user, a read-only system, no new privileges, one state directory', { skip }, () => {
	for (const line of ['DynamicUser=yes', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'StateDirectory=kring', 'ProtectHome=yes', 'PrivateTmp=yes'])
		assert.match(unit, new RegExp(`^${line.replace('=', '\\s*=\\s*')}$`, 'm'), line);
	const r = spawnSync(ANALYZE, ['security', '--offline=yes', localUnit()], { encoding: 'utf8' });
	const m = /Overall exposure level for kring\.service: ([\d.]+)/.exec(r.stdout + r.stderr);
	assert.ok(m, r.stdout + r.stderr);
	assert.ok(Number(m[1]) <= 2.0, `systemd rates the exposure ${m[1]} (at most 2.0 of 10: "OK")`);
});

test('kring accepts the command line the unit runs', async () => {
	const exec = /^ExecStart=(.*)$/m.exec(unit)[1].trim().split(/\s+/);
	assert.equal(exec[0], '/usr/local/bin/kring');
	assert.ok(exec.includes('/var/lib/kring/kring.db'), 'the database lives in the state directory');
	const port = 20000 + Math.floor(Math.random() * 20000);
	const args = exec.slice(1).map((a) => (a === '/var/lib/kring/kring.db' ? path.join(dir, 'kring.db') : a === '127.0.0.1:8080' ? `127.0.0.1:${port}` : a));
	const proc = spawn(KRING_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	let err = '';
	proc.stderr.on('data', (d) => (err += d));
	try {
		let ok = false;
		for (let i = 0; i < 100 && !ok && proc.exitCode === null; i++) {
			await sleep(100);
			ok = spawnSync('curl', ['-sf', `http://127.0.0.1:${port}/healthz`]).status === 0;
		}
		assert.ok(ok, `kring serves with the unit's arguments: ${err}`);
	} finally {
		proc.kill('SIGTERM');
	}
});

test('the settings file names only variables kring reads', () => {
	const env = fs.readFileSync(path.join(ROOT, 'contrib/systemd/kring.env'), 'utf8');
	assert.match(unit, /^EnvironmentFile=-\/etc\/kring\.env$/m);
	const help = execFileSync(KRING_BIN, ['help'], { encoding: 'utf8' });
	const names = [...env.matchAll(/^#?(KRING_[A-Z_]+)=/gm)].map((m) => m[1]);
	assert.ok(names.length >= 4, names.join(' '));
	for (const n of names) assert.ok(help.includes(n), `${n} is explained by kring help`);
});
