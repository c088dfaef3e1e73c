// lang.test.mjs - English as a second language (issue 14) in a browser: a
// medewerker (Sascha) chooses English on her account page; the start page,
// a community page and the meetlat (Yardstick) are then in English, with
// zero axe violations, on a wide screen and at phone width without sideways
// scrolling; going back to Automatisch gives Dutch again (the browser asks
// for nl-NL). Screenshots: test-results/screens/lang-*.png. Data stays Dutch:
// demo names and texts, and the instruments' statements (JSON data files).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, login, clearScreens,
	horizontalOverflow, widestElements, menuOutline, PHONE, DESKTOP,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	clearScreens(/^lang-/);
	kring = await startKring();
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	await kring?.stop();
});

async function noOverflow(page, label) {
	const over = await horizontalOverflow(page);
	assert.ok(over <= 0, `${label} is ${over}px too wide: ${(await widestElements(page)).join(', ')}`);
}

/* The page is English: the lang attribute, the header's logout button. */
async function assertEnglish(page, label) {
	assert.equal(await page.locator('html').getAttribute('lang'), 'en', `${label}: html lang`);
	const logout = page.locator('.kring-logout button');
	assert.equal((await logout.textContent()).trim(), 'Log out', `${label}: the header`);
}

test('a medewerker switches to English: start page, community page and meetlat in English, axe-clean, at phone width too', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	assert.equal(await page.locator('html').getAttribute('lang'), 'nl', 'the browser asks for nl-NL');

	// the choice on the account page
	await page.goto('/account');
	await page.getByRole('radio', { name: 'English' }).check();
	await Promise.all([
		page.waitForURL(/\/account\?taal=1$/),
		page.getByRole('button', { name: 'Taal bewaren' }).click(),
	]);
	await assertEnglish(page, 'account');
	await assert.doesNotReject(page.getByText('Your language has been saved.').waitFor());
	assert.ok(await page.getByRole('radio', { name: 'English' }).isChecked());
	await checkPage(page, 'lang-account-en');

	// the start page, with the menu in English
	await page.goto('/o/de-sleutel/');
	await assertEnglish(page, 'start page');
	const menu = (await menuOutline(page)).join(' | ');
	assert.match(menu, /^Home\b/, menu);
	assert.match(menu, /Communities/, menu);
	assert.doesNotMatch(menu, /\b(Werk|Koers|Beheer|Gesprekken|Aandacht nodig)\b/, menu);
	await assert.doesNotReject(page.getByRole('heading', { name: 'The six steps' }).waitFor());
	assert.match(await page.locator('.kring-lead').first().innerText(), /Welcome, Sascha\. Your role here: staff member\./);
	await checkPage(page, 'lang-start-en');

	// a community page
	await page.goto('/o/de-sleutel/communities');
	await assertEnglish(page, 'communities');
	const hrefs = await page.locator('a[href^="/o/de-sleutel/communities/"]').evaluateAll(
		(as) => as.map((a) => a.getAttribute('href')).filter((h) => /\/communities\/\d+$/.test(h)));
	const href = hrefs[0];
	assert.match(href, /\/communities\/\d+$/, href);
	await page.goto(href);
	await assertEnglish(page, 'community page');
	await assert.doesNotReject(page.getByRole('heading', { name: 'Strengths and needs' }).first().waitFor());
	await checkPage(page, 'lang-community-en');

	// the meetlat: the Yardstick
	await page.goto('/o/de-sleutel/meetlat');
	await assertEnglish(page, 'meetlat');
	await assert.doesNotReject(page.getByRole('heading', { name: 'Yardstick', exact: true }).waitFor());
	await checkPage(page, 'lang-meetlat-en');

	// at phone width: the same pages, no sideways scrolling
	await page.setViewportSize(PHONE);
	for (const [path, name] of [['/o/de-sleutel/', 'start'], [href, 'community'], ['/o/de-sleutel/meetlat', 'meetlat'], ['/account', 'account']]) {
		await page.goto(path);
		await assertEnglish(page, `${name} on a phone`);
		await checkPage(page, `lang-${name}-en-phone`);
		await noOverflow(page, `${name} (English, phone)`);
	}
	await page.setViewportSize(DESKTOP);

	// back to Automatisch: the browser's nl-NL gives Dutch again
	await page.goto('/account');
	await page.getByRole('radio', { name: 'Automatic (the browser\'s language)' }).check();
	await Promise.all([
		page.waitForURL(/\/account\?taal=1$/),
		page.getByRole('button', { name: 'Save language' }).click(),
	]);
	assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
	await assert.doesNotReject(page.getByText('Je taal is bewaard.').waitFor());
	await context.close();
});
