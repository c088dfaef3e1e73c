/*
 * privacy.test.mjs - privacy in the browser (issue 14b, M13):
 *  - no third party: every page of the demo, for each role, loads only
 *    resources of kring's own origin (playwright request events);
 *  - the beheerder answers a resident's request "what do you have about me,
 *    and please delete it" end to end: inzage, download, erase; every page
 *    axe-clean, at laptop and phone width.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
	startKring, launchBrowser, newPage, checkPage, login, clearScreens, menuLink, PHONE,
	horizontalOverflow,
} from './helpers.mjs';

let kring, browser;
const ORG = 'de-sleutel';

before(async () => {
	clearScreens(/^privacy-/);
	kring = await startKring();
	browser = await launchBrowser();
});
after(async () => {
	if (browser) await browser.close();
	if (kring) await kring.stop();
});

/* Links worth following: same origin, a page (not a download), not the way out. */
function followable(href, base) {
	const u = new URL(href, base);
	if (u.origin !== base) return null;
	if (/\.(csv|xlsx|ics|json)$|\/json$|\/logout$|\/assets\//.test(u.pathname)) return null;
	return u.pathname;
}

for (const [who, email, limit] of [
	['beheerder', 'marieke@desleutel.nl', 70],
	['medewerker', 'sascha@desleutel.nl', 45],
	['adviseur', 'anouk@rijnbrink.nl', 35],
	['ambassadeur', 'fatima@voorbeeld.nl', 35],
]) {
	test(`no third party: every page a ${who} reaches asks only kring itself`, { timeout: 180_000 }, async () => {
		const { context, page } = await newPage(browser, kring.base);
		const foreign = [];
		page.on('request', (req) => {
			const url = req.url();
			if (url.startsWith('data:') || url.startsWith('blob:')) return;
			if (new URL(url).origin !== kring.base) foreign.push(`${page.url()} -> ${url}`);
		});
		try {
			await login(page, email);
			const seen = new Set();
			const queue = ['/', `/o/${ORG}/`];
			let visited = 0;
			while (queue.length && visited < limit) {
				const p = queue.shift();
				if (seen.has(p)) continue;
				seen.add(p);
				const res = await page.goto(p);
				visited++;
				assert.ok(res.status() < 500, `${p}: ${res.status()}`);
				const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
				for (const h of hrefs) {
					const next = followable(h, kring.base);
					if (next && !seen.has(next)) queue.push(next);
				}
			}
			assert.ok(visited >= Math.min(limit, 10), `${visited} pages visited`);
			assert.deepEqual(foreign, [], 'every resource is same-origin');
		} finally {
			await context.close();
		}
	});
}

test('journey: a resident asks "what do you have about me, and please delete it"', { timeout: 120_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base, { acceptDownloads: true });
	try {
		await login(page, 'marieke@desleutel.nl');
		// the register, from the menu
		await (await menuLink(page, 'Privacy')).click();
		await page.waitForURL(`**/o/${ORG}/privacy`);
		await checkPage(page, 'privacy-01-register');
		// Ruud Hendriks, contact person of Welzijn De Brug, asks
		await page.getByRole('link', { name: 'Inzage en verwijderen: alles over één persoon' }).click();
		await checkPage(page, 'privacy-02-people');
		await page.getByRole('link', { name: /Inzage Ruud Hendriks/ }).click();
		await page.waitForURL(/\/privacy\/partner\/\d+$/);
		await checkPage(page, 'privacy-03-inzage');
		assert.ok((await page.locator('main').innerText()).includes('Via de receptie van De Brug.'));
		// the download, to hand over
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download als bestand (JSON)' }).click(),
		]);
		const file = await download.path();
		const data = JSON.parse(fs.readFileSync(file, 'utf8'));
		assert.ok(data.subject.name.startsWith('Ruud Hendriks'));
		assert.equal(data.count, data.records.length);
		// and the erasure, asked first
		await page.getByRole('link', { name: 'Deze persoonsgegevens verwijderen' }).click();
		await checkPage(page, 'privacy-04-erase');
		await Promise.all([
			page.waitForURL(/klaar=verwijderd/),
			page.getByRole('button', { name: 'Ja, definitief verwijderen' }).click(),
		]);
		await checkPage(page, 'privacy-05-erased');
		assert.ok(!(await page.locator('main').innerText()).includes('Ruud Hendriks'));
		// what happened is in the access log; the retention overview says what goes when
		await page.goto(`/o/${ORG}/privacy/log`);
		await checkPage(page, 'privacy-06-log');
		assert.ok((await page.locator('main').innerText()).includes('verwijderde de gegevens'));
		await page.goto(`/o/${ORG}/privacy/retention`);
		await checkPage(page, 'privacy-07-retention');
		// the same pages on a phone
		await page.setViewportSize(PHONE);
		for (const p of ['privacy', 'privacy/people', 'privacy/retention', 'privacy/log']) {
			await page.goto(`/o/${ORG}/${p}`);
			assert.equal(await horizontalOverflow(page), 0, `${p}: nothing sticks out at phone width`);
			await checkPage(page, `privacy-08-phone-${p.replace('/', '-')}`);
		}
	} finally {
		await context.close();
	}
});

test('an ambassadeur leaves by themselves, with a confirm page', { timeout: 60_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base);
	try {
		await login(page, 'fatima@voorbeeld.nl');
		await page.goto(`/o/${ORG}/me/leave`);
		await checkPage(page, 'privacy-09-leave');
		await Promise.all([
			page.waitForURL((u) => !u.pathname.includes('/me/leave')),
			page.getByRole('button', { name: 'Ja, ik stop en mijn gegevens mogen weg' }).click(),
		]);
		await page.goto(`/o/${ORG}/`);
		assert.match(page.url(), /\/login/, 'logged out');
	} finally {
		await context.close();
	}
});
