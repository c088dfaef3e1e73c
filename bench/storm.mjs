// Load the bench's wrk cannot make (see bench/README.md), with node's own
// http client only:
//
//   node bench/storm.mjs logins URL N EMAILS PASSWORD
//     N logins at the same moment (each first fetches /login for its cookie
//     and token, then all N post at once), taking turns over EMAILS (a
//     comma-separated list: kring allows 20 logins per account in 15
//     minutes, then answers 429). Prints one line:
//     "logins N ok OK p50_ms P50 max_ms MAX" (OK: answered with a session).
//
//   node bench/storm.mjs hold URL PATH COOKIE N SECONDS ADDRESSES
//     N keep-alive connections to URL, spread over the loopback source
//     addresses 127.0.0.1 ... 127.0.0.ADDRESSES (kring allows 64 per
//     address), each fetching PATH with COOKIE again and again for SECONDS.
//     Prints "hold N connections ok OK failed FAILED" (answers 200 / not).
//
// Loopback only, bounded in time; no dependency beyond node.
import http from 'node:http';

function request(url, { method = 'GET', headers = {}, body, agent, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, localAddress }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.setTimeout(60000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function cookieOf(res, name) {
  for (const c of res.headers['set-cookie'] || []) {
    const m = c.match(new RegExp(`^${name}=([^;]*)`));
    if (m) return m[1];
  }
  return '';
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function logins(base, n, emails, password) {
  // every login from its own loopback address, as separate people would
  // come (the throttle counts failures per address and account)
  const prepared = [];
  for (let i = 0; i < n; i++) {
    const localAddress = `127.0.0.${1 + (i % 200)}`;
    const page = await request(`${base}/login`, { localAddress });
    const csrf = (page.body.toString().match(/name="csrf"[^>]*value="([^"]*)"/) || [])[1] || '';
    const anon = (page.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
    prepared.push({ localAddress, csrf, anon, email: emails[i % emails.length] });
  }
  const t0 = performance.now();
  const results = await Promise.all(
    prepared.map(async ({ localAddress, csrf, anon, email }) => {
      const start = performance.now();
      const body = new URLSearchParams({ email, password, csrf }).toString();
      try {
        const res = await request(`${base}/login`, {
          method: 'POST',
          localAddress,
          body,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(body),
            Cookie: anon,
          },
        });
        return { ok: res.status === 303 && cookieOf(res, 'kring_session') !== '', ms: performance.now() - start };
      } catch {
        return { ok: false, ms: performance.now() - start };
      }
    }),
  );
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const ok = results.filter((r) => r.ok).length;
  console.log(
    `logins ${n} ok ${ok} p50_ms ${percentile(ms, 50).toFixed(1)} max_ms ${ms[ms.length - 1].toFixed(1)} all_ms ${(performance.now() - t0).toFixed(1)}`,
  );
}

async function hold(base, path, cookie, n, seconds, addresses) {
  const agents = [];
  for (let a = 1; a <= addresses; a++)
    agents.push({
      localAddress: `127.0.0.${a}`,
      agent: new http.Agent({ keepAlive: true, maxSockets: Math.ceil(n / addresses) }),
    });
  const until = Date.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const loops = [];
  for (let i = 0; i < n; i++) {
    const { agent, localAddress } = agents[i % addresses];
    loops.push(
      (async () => {
        while (Date.now() < until) {
          try {
            const res = await request(base + path, { agent, localAddress, headers: { Cookie: cookie } });
            if (res.status === 200) ok++;
            else failed++;
          } catch {
            failed++;
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      })(),
    );
  }
  await Promise.all(loops);
  for (const { agent } of agents) agent.destroy();
  console.log(`hold ${n} connections ok ${ok} failed ${failed}`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'logins' && args.length === 4) {
  await logins(args[0], Number(args[1]), args[2].split(','), args[3]);
} else if (mode === 'hold' && args.length === 6) {
  await hold(args[0], args[1], args[2], Number(args[3]), Number(args[4]), Number(args[5]));
} else {
  console.error(
    'usage: node bench/storm.mjs logins URL N EMAILS PASSWORD\n' +
      '       node bench/storm.mjs hold URL PATH COOKIE N SECONDS ADDRESSES',
  );
  process.exit(2);
}
