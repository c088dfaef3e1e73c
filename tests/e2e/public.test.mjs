// public.test.mjs - the public page in a real browser (issue 13, public): a
// resident opens De Sleutel's public page, picks the Taalcafé, says "ik doe
// mee" with a name and consent (on a laptop and on a phone, with and
// without JavaScript), and Sascha finds the message in the Inbox from the
// menu and turns it into a contact with the community. Every page is
// checked with axe (WCAG 2.1 A and AA) and kept as a screenshot; the phone
// pages must not scroll sideways; the poster prints on A4.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE, horizontalOverflow, widestElements,
	menuLink, clearScreens, screenshot,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	clearScreens(/^public-/);
	kring = await startKring();
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
	if (kring) {
		const { code, signal } = await kring.stop();
		assert.ok(code === 0 || signal === 'SIGTERM', `kring stopped badly (${code}, ${signal})`);
	}
});

const cases = [
	{ tag: 'laptop', options: {}, js: true, name: 'Rosa Laptop' },
	{ tag: 'phone', options: { viewport: PHONE, isMobile: true, hasTouch: true }, js: true, name: 'Rosa Telefoon' },
	{ tag: 'nojs', options: { javaScriptEnabled: false }, js: false, name: 'Rosa Zonderscript' },
];

for (const c of cases) {
	test(`a resident goes from the public page through "ik doe mee" (${c.tag})`, { timeout: 60_000 }, async () => {
		const { context, page } = await newPage(browser, kring.base, c.options);
		try {
			await page.goto('/p/de-sleutel/');
			assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Doe mee in de bibliotheek');
			assert.ok(await page.getByRole('heading', { name: 'Taalcafé voor nieuwkomers' }).isVisible());
			assert.equal(await horizontalOverflow(page), 0, `no sideways scrolling: ${await widestElements(page)}`);
			await (c.js ? checkPage : screenshot)(page, `public-page-${c.tag}`);
			await Promise.all([
				page.waitForURL(/\/p\/de-sleutel\/doe-mee\?groep=1$/),
				page.getByRole('link', { name: 'Ik doe mee met Taalcafé voor nieuwkomers' }).click(),
			]);
			assert.ok(await page.getByRole('radio', { name: 'Taalcafé voor nieuwkomers' }).isChecked(), 'the group of the link is chosen');
			assert.ok(await page.getByText('alleen de medewerkers van Bibliotheek De Sleutel').isVisible(), 'who sees it');
			assert.equal(await horizontalOverflow(page), 0, `no sideways scrolling: ${await widestElements(page)}`);
			await page.getByLabel('Je bericht').fill(`Ik wil graag Nederlands oefenen (${c.tag}).`);
			await page.getByLabel('Je naam').fill(c.name);
			await page.getByLabel('Hoe kunnen we je bereiken?').fill(`${c.tag}@example.invalid`);
			await page.getByLabel('Ik vind het goed').check();
			if (c.js) await checkPage(page, `public-join-${c.tag}`); // axe needs JavaScript
			else await screenshot(page, `public-join-${c.tag}`);
			await page.waitForTimeout(3100); // a person takes a few seconds; a machine does not
			await Promise.all([
				page.waitForURL(/verstuurd=1$/),
				page.getByRole('button', { name: 'Verstuur' }).click(),
			]);
			assert.ok(await page.getByText('Dank je wel! Je bericht is aangekomen').isVisible());
			await (c.js ? checkPage : screenshot)(page, `public-thanks-${c.tag}`);
			await page.goto('/p/de-sleutel/idee');
			await (c.js ? checkPage : screenshot)(page, `public-idea-${c.tag}`);
			await page.goto('/p/de-sleutel/poster');
			assert.equal(await horizontalOverflow(page), 0, `no sideways scrolling: ${await widestElements(page)}`);
			await (c.js ? checkPage : screenshot)(page, `public-poster-${c.tag}`);
		} finally {
			await context.close();
		}
	});
}

test('the poster prints on one A4 page', { timeout: 30_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base);
	try {
		await page.goto('/p/de-sleutel/poster');
		await page.emulateMedia({ media: 'print' });
		await screenshot(page, 'public-poster-print');
		const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
		assert.equal(pages, 1, `the poster is one A4 page (got ${pages})`);
	} finally {
		await context.close();
	}
});

test('Sascha finds the message in the Inbox and turns it into a contact with the Taalcafé', { timeout: 60_000 }, async () => {
	for (const [tag, options] of [['laptop', {}], ['phone', { viewport: PHONE, isMobile: true, hasTouch: true }]]) {
		const { context, page } = await newPage(browser, kring.base, options);
		try {
			await login(page, 'sascha@desleutel.nl');
			await (await menuLink(page, 'Inbox')).click();
			await page.waitForURL(/\/o\/de-sleutel\/inbox$/);
			const body = await page.content();
			const who = tag === 'laptop' ? 'Rosa Laptop' : 'Rosa Telefoon';
			assert.ok(body.includes(who), `${who}'s message is in the inbox`);
			assert.equal(await horizontalOverflow(page), 0, `no sideways scrolling: ${await widestElements(page)}`);
			await checkPage(page, `public-inbox-${tag}`);
			if (tag === 'phone') {
				await page.getByRole('link', { name: /Behandelen/ }).first().click();
				await checkPage(page, `public-inbox-item-${tag}`);
				continue;
			}
			const item = page.locator('.kring-inbox__item', { hasText: 'Rosa Laptop' });
			await item.getByRole('link', { name: /Behandelen/ }).click();
			await page.waitForURL(/\/o\/de-sleutel\/inbox\/\d+$/);
			await checkPage(page, `public-inbox-item-${tag}`);
			await page.getByLabel('Onderwerp').fill('Rosa wil meedoen met het taalcafé');
			await Promise.all([
				page.waitForURL(/\/o\/de-sleutel\/conversations\/\d+$/),
				page.getByRole('button', { name: 'Leg het contact vast' }).click(),
			]);
			assert.ok(await page.getByText('Rosa wil meedoen met het taalcafé').first().isVisible());
			await page.goto('/o/de-sleutel/inbox?lijst=afgehandeld');
			assert.ok(await page.getByText('Contact met de community vastgelegd').first().isVisible());
			await checkPage(page, `public-inbox-done-${tag}`);
			// the settings of the public page and of a community, for the beheerder and staff
			await page.goto('/o/de-sleutel/communities/1/public');
			await checkPage(page, `public-community-${tag}`);
		} finally {
			await context.close();
		}
	}
	const { context, page } = await newPage(browser, kring.base);
	try {
		await login(page, 'marieke@desleutel.nl');
		await page.goto('/o/de-sleutel/settings');
		await page.getByRole('link', { name: /Openbare pagina voor inwoners/ }).click();
		await page.waitForURL(/\/settings\/public$/);
		await checkPage(page, 'public-settings-laptop');
	} finally {
		await context.close();
	}
});
