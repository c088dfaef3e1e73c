// knowledge.test.mjs - the browser journey of knowledge (issue 11): Fatima,
// an ambassadeur, adds a story with a photo on her phone (the photo goes up
// through the form's file field), sees it with its description and finds
// it in the kennisbank by its tag; Sascha reads the kennisbank and the
// community's Kennis section at desk width; Marieke shares an item and
// Anouk, the adviser, finds it on her page of shared knowledge. Every page
// is checked with axe (WCAG 2.1 A and AA: zero violations), kept as a
// screenshot, and fits a 390 px screen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE,
	horizontalOverflow, widestElements, menuLink, clearScreens,
} from './helpers.mjs';

let kring, browser;
const ORG = '/o/de-sleutel';
/* A 2x2 PNG for the upload. */
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d49484452000000020000000208020000' +
		'00fdd49a730000001649444154789c63f8cfc0f01f0418fe33fc67f8cf00' +
		'001d8f04fd6a3b35bf0000000049454e44ae426082', 'hex');

before(async () => {
	clearScreens(/^knowledge-/);
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

async function fits(page, name) {
	const over = await horizontalOverflow(page);
	assert.ok(over <= 0, `${name} is ${over}px too wide at 390 px: ${(await widestElements(page)).join(', ')}`);
}

test('Fatima adds a story with a photo on her phone and finds it by its tag', async () => {
	const file = path.join(os.tmpdir(), `kring-e2e-${process.pid}-koken.png`);
	writeFileSync(file, PNG);
	const { context, page } = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	await login(page, 'fatima@voorbeeld.nl');
	await (await menuLink(page, 'Kennisbank')).click();
	await page.waitForURL(`**${ORG}/knowledge`);
	await page.getByRole('heading', { level: 1, name: 'Kennisbank' }).waitFor();
	await checkPage(page, 'knowledge-01-phone-list');
	await fits(page, 'the kennisbank');

	await page.getByRole('link', { name: 'Kennis toevoegen' }).click();
	await page.getByRole('heading', { level: 1, name: 'Kennis toevoegen' }).waitFor();
	await checkPage(page, 'knowledge-02-phone-new');
	await fits(page, 'the form');
	await page.getByLabel('Verhaal', { exact: true }).check();
	await page.locator('#f-title').fill('Moeders koken voor het taalcafé');
	await page.locator('#f-body').fill('Drie moeders kookten soep uit **Syrië**, Eritrea en Polen.\n\n- recepten delen\n- volgende keer met kinderen');
	await page.locator('#f-file').setInputFiles(file);
	await page.locator('#f-alt').fill('Drie pannen soep op de leestafel');
	await page.locator('#f-tags').fill('koken, moeders');
	await page.getByRole('button', { name: 'Kennis vastleggen' }).click();
	await page.getByRole('heading', { level: 1, name: 'Moeders koken voor het taalcafé' }).waitFor();
	const img = page.getByRole('img', { name: 'Drie pannen soep op de leestafel' });
	await img.waitFor();
	assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth === 2), 'the photo loads');
	assert.ok(await page.locator('dd', { hasText: 'Fatima El Amrani' }).isVisible(), 'she is named as contributor');
	await checkPage(page, 'knowledge-03-phone-story');
	await fits(page, 'the story');

	await page.getByRole('link', { name: '#moeders' }).first().click();
	await page.waitForURL(/tag=moeders/);
	assert.ok(await page.getByRole('link', { name: 'Moeders koken voor het taalcafé' }).isVisible());
	await checkPage(page, 'knowledge-04-phone-tag');
	await context.close();
});

test('a photo without description is refused beside the field, with the text kept', async () => {
	const file = path.join(os.tmpdir(), `kring-e2e-${process.pid}-zonder.png`);
	writeFileSync(file, PNG);
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await page.goto(`${ORG}/knowledge/new`);
	await page.getByLabel('Foto', { exact: true }).check();
	await page.locator('#f-community').selectOption({ label: 'Taalcafé voor nieuwkomers' });
	await page.locator('#f-title').fill('Foto zonder beschrijving');
	await page.locator('#f-file').setInputFiles(file);
	await page.getByRole('button', { name: 'Kennis vastleggen' }).click();
	await page.locator('#f-alt-error').waitFor();
	assert.equal(await page.locator('#f-title').inputValue(), 'Foto zonder beschrijving');
	await checkPage(page, 'knowledge-05-refused');
	await context.close();
});

test('Sascha reads the kennisbank and the community\'s Kennis section at desk width', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');
	await page.goto(`${ORG}/knowledge`);
	await checkPage(page, 'knowledge-06-list');
	await page.locator('#filter-soort').selectOption('verhaal');
	await page.getByRole('button', { name: 'Toon' }).click();
	await page.waitForURL(/soort=verhaal/);
	await checkPage(page, 'knowledge-07-filtered');
	await page.getByRole('link', { name: 'Samen koken, samen praten' }).click();
	await page.getByRole('img', { name: /Deelnemers van het taalcafé/ }).waitFor();
	await checkPage(page, 'knowledge-08-story');
	await page.goto(`${ORG}/communities/1`);
	await page.getByRole('heading', { level: 2, name: 'Kennis', exact: true }).waitFor();
	await page.locator('#kennis').screenshot({ path: path.join(process.cwd(), 'test-results', 'screens', 'knowledge-09-section.png') });
	await page.goto(`${ORG}/search?q=soep`);
	assert.ok(await page.getByRole('link', { name: 'Moeders koken voor het taalcafé' }).isVisible(), 'search finds knowledge');
	await checkPage(page, 'knowledge-10-search');
	await context.close();
});

test('Marieke shares an item; Anouk the adviser sees it among the shared knowledge', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'marieke@desleutel.nl');
	await page.goto(`${ORG}/knowledge?tag=ruimte`);
	await page.getByRole('link', { name: 'Vaste tafel op dinsdagochtend werkt' }).click();
	await page.getByRole('button', { name: 'Delen met adviseurs' }).click();
	await page.getByText('Gedeeld: de adviseurs van de bibliotheek zien dit nu.').waitFor();
	await checkPage(page, 'knowledge-11-shared');
	await context.close();

	const adviser = await newPage(browser, kring.base);
	await login(adviser.page, 'anouk@rijnbrink.nl');
	await adviser.page.goto('/adviser');
	await adviser.page.getByRole('link', { name: /Gedeelde kennis van de bibliotheken/ }).click();
	await adviser.page.getByRole('heading', { level: 1, name: 'Gedeelde kennis' }).waitFor();
	assert.ok(await adviser.page.getByRole('link', { name: 'Vaste tafel op dinsdagochtend werkt' }).isVisible());
	assert.equal(await adviser.page.getByRole('link', { name: 'Gereedschap lenen via de bibliotheek' }).count(), 0,
		'an item not shared is not there');
	await checkPage(adviser.page, 'knowledge-12-adviser');
	await adviser.context.close();
});
