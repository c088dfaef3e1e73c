/*
 * slow-senders.mjs - an attacker for the pressure tests, run as its own
 * process so that its sockets do not slow the prober's event loop:
 *   node slow-senders.mjs PORT TLS(0|1) ADDRESS_PREFIX N_ADDRESSES PER_ADDRESS SECONDS
 * opens PER_ADDRESS connections from each of ADDRESS_PREFIX.1 .. .N, sends
 * one byte of a request head every 5 s on each, reconnects half a second
 * after the server lets one go, and stops after SECONDS. Prints one line of
 * JSON: {connects, cut (let go after more than 5 s), longest (ms)}.
 */
import net from 'node:net';
import tls from 'node:tls';

const [port, useTls, prefix, nAddr, perAddr, seconds] = process.argv.slice(2);
const HEAD = 'GET /healthz HTTP/1.1\r\nHost: kring.example.nl\r\nX-Slow: ' + 'a'.repeat(64);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let stop = false;
let connects = 0;
let cut = 0;
let longest = 0;

async function sender(addr) {
	while (!stop) {
		const opts = { host: '127.0.0.1', port: Number(port), localAddress: addr };
		const s = useTls === '1' ? tls.connect({ ...opts, rejectUnauthorized: false, servername: 'kring.example.nl' }) : net.connect(opts);
		connects++;
		const opened = Date.now();
		let closed = null;
		s.on('error', () => {});
		s.on('close', () => (closed = Date.now()));
		await new Promise((resolve) => {
			s.once(useTls === '1' ? 'secureConnect' : 'connect', resolve);
			s.once('close', resolve);
		});
		let i = 0;
		while (!stop && closed === null) {
			s.write(HEAD[i++ % HEAD.length]);
			for (let t = 0; t < 50 && !stop && closed === null; t++) await sleep(100);
		}
		const lived = (closed ?? Date.now()) - opened;
		longest = Math.max(longest, lived);
		if (!stop && lived > 5000) cut++;
		s.destroy();
		await sleep(500);
	}
}

const all = [];
for (let a = 1; a <= Number(nAddr); a++) for (let k = 0; k < Number(perAddr); k++) all.push(sender(`${prefix}.${a}`));
setTimeout(() => (stop = true), Number(seconds) * 1000);
await Promise.all(all);
console.log(JSON.stringify({ connects, cut, longest }));
