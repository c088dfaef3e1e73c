// calendar.test.mjs - the month calendar and the feeds in a real browser
// (issue 9): Sascha opens the Agenda from the menu, walks to another month
// and filters on a community without JavaScript; on a phone the month is a
// list by day without sideways scrolling; printed it is the grid on A4
// landscape; Marieke makes a feed link and renews it, and the old link
// stops working. Every page is checked with axe (WCAG 2.1 A and AA) at
// 1280 and 390 px and kept as a screenshot. Activities are inserted with
// SQL (their forms are another part of the work).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE, horizontalOverflow, widestElements,
	menuLink, clearScreens,
} from './helpers.mjs';
import { sql } from '../lib/database.mjs';

let kring, browser, db;
const ORG = '/o/de-sleutel';

before(async () => {
	clearScreens(/^calendar-/);
	kring = await startKring();
	browser = await launchBrowser();
	db = kring.db;
});

after(async () => {
	if (browser)
		await browser.close();
	if (kring) {
		const { code, signal } = await kring.stop();
		assert.ok(code === 0 || signal === 'SIGTERM', `kring stopped badly (${code}, ${signal})`);
	}
});

/* Activities in March 2031 for the Taalcafé and the Repair Café. */
function seed() {
	const org = sql(db, "SELECT id FROM orgs WHERE slug = 'de-sleutel'");
	const com = (like) => sql(db, `SELECT id FROM communities WHERE org_id = ${org} AND name LIKE '${like}'`);
	const taal = com('Taalcaf%'), repair = com('Repair%');
	const rows = [
		['Taalcafé: samen koken', '2031-03-03', '19:00', 'door', 'held', taal],
		['Voorleesochtend voor peuters', '2031-03-03', '10:00', 'voor', 'planned', repair],
		['Repair Café in de bieb', '2031-03-14', '13:30', 'met', 'planned', repair],
		['Taalwandeling door de wijk met een hele lange titel die moet afbreken', '2031-03-20', '', 'met', 'cancelled', taal],
	];
	for (const [title, day, start, made, status, c] of rows) {
		const id = sql(db, `INSERT INTO activities (org_id, title, held_on, starts_at, made, status, branch_id, created_at, updated_at)
			VALUES (${org}, '${title}', '${day}', '${start}', '${made}', '${status}',
			(SELECT MIN(id) FROM branches WHERE org_id = ${org}), 1780000000, 1780000000) RETURNING id`).split('\n')[0];
		sql(db, `INSERT INTO activity_communities (org_id, activity_id, community_id) VALUES (${org}, ${id}, ${c})`);
	}
	return { taal, repair };
}

test('Sascha finds the Agenda, walks the months and filters, without JavaScript too', async () => {
	const ids = seed();
	for (const js of [true, false]) {
		const { context, page } = await newPage(browser, kring.base, { javaScriptEnabled: js });
		try {
			await login(page, 'sascha@desleutel.nl');
			await (await menuLink(page, 'Agenda')).click();
			await page.waitForURL(`**${ORG}/calendar`);
			await page.getByRole('heading', { level: 1 }).waitFor();
			assert.ok(await page.locator('td[aria-current="date"]').isVisible(), 'today is marked');
			if (js) await checkPage(page, 'calendar-01-this-month');

			await page.goto(`${ORG}/calendar?month=2031-02`);
			await page.getByRole('link', { name: /maart 2031/ }).click();
			await page.waitForURL(`**${ORG}/calendar?month=2031-03`);
			assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Agenda maart 2031');
			const link = page.getByRole('link', { name: '19:00 Taalcafé: samen koken' });
			assert.ok(await link.isVisible());
			// the way it was made is a word, not only a colour
			assert.equal(await page.locator('li.kring-cal-act', { has: link }).locator('.kring-cal-made').innerText(), 'DOOR');
			assert.ok(await page.locator('table.kring-cal').getByText('(afgelast)').isVisible());
			if (js) await checkPage(page, 'calendar-02-march');

			await page.getByLabel('Community', { exact: true }).selectOption(ids.repair);
			await page.getByRole('button', { name: 'Toon' }).click();
			await page.waitForURL(`**calendar?month=2031-03&community=${ids.repair}`);
			assert.ok(await page.getByRole('link', { name: '13:30 Repair Café in de bieb' }).isVisible());
			assert.equal(await page.getByRole('link', { name: /Taalcafé: samen koken/ }).count(), 0);
			if (js) await checkPage(page, 'calendar-03-filtered');

			await page.goto(`${ORG}/calendar?month=2031-13`);
			assert.ok(await page.getByRole('heading', { name: 'Deze maand bestaat niet' }).isVisible());
			if (js) await checkPage(page, 'calendar-04-bad-month');
		} finally {
			await context.close();
		}
	}
});

test('on a phone the month is a list by day, with nothing to scroll sideways', async () => {
	const { context, page } = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	try {
		await login(page, 'sascha@desleutel.nl');
		await page.goto(`${ORG}/calendar?month=2031-03`);
		assert.equal(await page.locator('table.kring-cal').isVisible(), false, 'the grid is hidden');
		assert.ok(await page.getByRole('heading', { level: 3, name: 'maandag 3 maart' }).isVisible());
		assert.ok(await page.getByRole('link', { name: '10:00 Voorleesochtend voor peuters' }).isVisible());
		const over = await horizontalOverflow(page);
		assert.ok(over <= 0, `no sideways scrolling (${over}px: ${await widestElements(page)})`);
		await checkPage(page, 'calendar-05-phone');
		await page.goto(`${ORG}/calendar`);
		await checkPage(page, 'calendar-06-phone-this-month');
	} finally {
		await context.close();
	}
});

test('printed, the month is the grid on A4 landscape', async () => {
	const { context, page } = await newPage(browser, kring.base);
	try {
		await login(page, 'sascha@desleutel.nl');
		await page.goto(`${ORG}/calendar?month=2031-03`);
		await page.emulateMedia({ media: 'print' });
		assert.ok(await page.locator('table.kring-cal').isVisible(), 'the grid prints');
		assert.equal(await page.locator('.kring-nav').isVisible(), false, 'no menu on paper');
		assert.equal(await page.locator('form.kring-filters').isVisible(), false, 'no filter on paper');
		const pdf = await page.pdf({ preferCSSPageSize: true });
		const text = pdf.toString('latin1');
		const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text);
		assert.ok(box, 'a page size');
		assert.ok(Number(box[1]) > Number(box[2]), `landscape (${box[1]} x ${box[2]})`);
	} finally {
		await context.close();
	}
});

test('Marieke makes a feed link and renews it: the old link stops working', async () => {
	for (const viewport of [undefined, PHONE]) {
		const { context, page } = await newPage(browser, kring.base, viewport ? { viewport, isMobile: true } : {});
		try {
			await login(page, 'marieke@desleutel.nl');
			await page.goto(`${ORG}/calendar`);
			await page.getByRole('link', { name: 'Agenda in Outlook of op je telefoon' }).click();
			await page.waitForURL(`**${ORG}/calendar/feeds`);
			const tag = viewport ? 'phone' : 'laptop';
			await checkPage(page, `calendar-07-feeds-${tag}`);
			await page.getByRole('button', { name: /: De hele organisatie$/ }).click();
			await page.getByRole('heading', { level: 1, name: 'Nieuwe abonnementslink' }).waitFor();
			const first = await page.getByLabel(/Abonnementslink voor/).inputValue();
			assert.match(first, /\/o\/de-sleutel\/activities\.ics\?key=[A-Za-z0-9_-]{43}$/);
			await checkPage(page, `calendar-08-new-link-${tag}`);
			const feed = await fetch(first);
			assert.equal(feed.status, 200);
			assert.match(await feed.text(), /^BEGIN:VCALENDAR/);

			await page.getByRole('link', { name: 'Terug naar de agenda-abonnementen' }).click();
			await page.waitForURL(`**${ORG}/calendar/feeds`);
			const orgForm = page.locator('form', { has: page.locator('input[name="community"][value="0"]') });
			assert.match(await orgForm.getByRole('button').innerText(), /^Nieuwe link maken/);
			await orgForm.getByRole('button').click();
			await page.getByRole('heading', { level: 1, name: 'Nieuwe abonnementslink' }).waitFor();
			const second = await page.getByLabel(/Abonnementslink voor/).inputValue();
			assert.notEqual(second, first);
			assert.equal((await fetch(first)).status, 404, 'the old link is dead');
			assert.equal((await fetch(second)).status, 200);
		} finally {
			await context.close();
		}
	}
});
