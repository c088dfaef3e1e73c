// communities.test.mjs - the browser journey of issue 3 (first half): Sascha
// scans, picks a desired community, turns it into a profile, fills werkblad 2
// and 3, attaches staff and sees the signal, and exports the list; Fatima
// (ambassadeur) sees only her own community. Every page gets an axe check
// (WCAG 2.1 A and AA, zero violations) and a screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
	startKring, launchBrowser, newPage, checkPage, login, PHONE,
	horizontalOverflow, widestElements, screenshot, menuLink,
} from './helpers.mjs';

let kring, browser;

before(async () => {
	kring = await startKring();
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	await kring?.stop();
});

const NAME = 'Mantelzorgers in Zandhoven-Zuid';

/* Buttons name their object in hidden text ("Omhoog: <item>"); Chromium puts
 * a space before the hidden part, so match "Omhoog : <item>" as well. */
function named(verb, object) {
	const q = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`^${q(verb)} ?: ${q(object)}$`);
}

/* Adds an item through a list's one-line form and waits until it shows. */
async function addItem(page, kind, label, text, status) {
	await page.getByLabel(label, { exact: true }).fill(text);
	if (status)
		await page.locator(`#nieuw-${kind}-status`).selectOption(status);
	await page.getByRole('button', { name: named('Toevoegen', label) }).click();
	await page.locator(`#lijst-${kind} .kring-item`, { hasText: text }).waitFor();
}

async function itemTexts(page, kind) {
	return page.locator(`#lijst-${kind} .kring-item__text`).allInnerTexts();
}

test('Sascha: from the scan to a community with werkblad 2 and 3, roles and an export', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');

	// step 3: the scan
	await (await menuLink(page, 'Communityscan')).click();
	await page.getByRole('heading', { level: 1, name: 'Communityscan' }).waitFor();
	await checkPage(page, 'communities-01-scan');
	await page.locator('#rijtje-gewenst .kring-add-details > summary').click();
	await page.locator('#nieuw-gewenst-name').fill(NAME);
	await page.locator('#nieuw-gewenst-description').fill('Mensen die zorgen voor een naaste in de wijk Zuid; vaak met weinig tijd voor zichzelf.');
	await page.locator('#nieuw-gewenst-why').fill('Past bij onze doelen rond gezondheid en meedoen; het steunpunt mantelzorg zoekt een plek.');
	await page.locator('#rijtje-gewenst').getByRole('button', { name: 'Toevoegen' }).click();
	await page.getByText('Op het rijtje gezet.').waitFor();
	await page.locator('#rijtje-gewenst .kring-scan-entry', { hasText: NAME }).waitFor();

	// one step to a profile, then werkblad 2
	await page.getByRole('button', { name: named('Maak er een communityprofiel van', NAME) }).click();
	await page.getByRole('heading', { level: 1, name: 'Profiel wijzigen' }).waitFor();
	await page.getByText('Het communityprofiel is gemaakt van je scan.').waitFor();
	assert.equal(await page.getByLabel('Naam van de community').inputValue(), NAME);
	await checkPage(page, 'communities-02-profile-form');
	await page.getByLabel('Naam van één persoon in de community').fill('Ria (steunpunt mantelzorg)');
	await page.getByLabel('Hoe bereik je deze persoon?').fill('Via het mantelzorgcafé, elke eerste maandag');
	await page.getByLabel('Geografie').fill('De wijk Zuid in Zandhoven');
	await page.getByLabel('Identiteit').fill('Mantelzorgers: partners, kinderen en buren die voor iemand zorgen');
	await page.getByLabel('Community of circumstance').check();
	await page.getByLabel('Zwak', { exact: true }).check();
	await page.getByLabel('Verkennen', { exact: true }).check();
	await page.getByLabel('Gestart op').fill('2026-04-01');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await page.getByText('Het profiel is opgeslagen.').waitFor();
	await page.getByRole('heading', { level: 1, name: NAME }).waitFor();

	// sterktes first, behoeften after; reordering without leaving the page
	await addItem(page, 'sterkte', 'Nieuwe sterkte', 'Ze weten veel van zorg en regelen');
	await addItem(page, 'sterkte', 'Nieuwe sterkte', 'Ze helpen elkaar met tips');
	await addItem(page, 'behoefte', 'Nieuwe behoefte', 'Even tijd voor zichzelf');
	assert.equal(new URL(page.url()).pathname.endsWith('/edit'), false);
	const before = page.url();
	await page.getByRole('button', { name: named('Omhoog', 'Ze helpen elkaar met tips') }).click();
	await page.waitForFunction(() => document.querySelector('#lijst-sterkte .kring-item__text')?.textContent === 'Ze helpen elkaar met tips');
	assert.deepEqual(await itemTexts(page, 'sterkte'), ['Ze helpen elkaar met tips', 'Ze weten veel van zorg en regelen']);
	assert.equal(page.url(), before, 'the page did not reload');
	// focus stays with the moved item
	assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim().startsWith('↓ Omlaag') ||
		document.activeElement?.closest('.kring-item') !== null), true);

	// werkblad 3: OF / BY / FOR
	await addItem(page, 'van', 'Nieuwe actie VAN de organisatie', 'Een mantelzorger in de programmaraad', 'idee');
	await addItem(page, 'door', 'Nieuwe actie DOOR de community', 'Mantelzorgers organiseren zelf een inloopochtend', 'gepland');
	await addItem(page, 'voor', 'Nieuwe actie VOOR de community', 'Rustige hoek met koffie op maandagochtend', 'gedaan');
	await page.locator('#lijst-door .kring-badge--gepland').waitFor();

	// staff roles: the signal speaks plainly
	await page.getByText('Er is nog geen verbinder').waitFor();
	await page.locator('#koppel-medewerker').selectOption({ label: 'Sascha de Vries' });
	await page.locator('#koppel-rol').selectOption('verbinder');
	await page.getByRole('button', { name: 'Koppelen', exact: true }).click();
	await page.locator('#medewerkers').getByText('De medewerker is gekoppeld.').waitFor();
	await page.locator('#koppel-medewerker').selectOption({ label: 'Jeroen Bakker' });
	await page.locator('#koppel-rol').selectOption('bouwer');
	await page.getByRole('button', { name: 'Koppelen', exact: true }).click();
	await page.locator('#medewerkers .kring-role__person', { hasText: 'Jeroen Bakker' }).waitFor();
	await page.waitForFunction(() => !document.body.textContent.includes('Er is nog geen verbinder'));
	const signals = page.locator('#signalen');
	assert.match(await signals.innerText(), /Er is nog geen aanjager/);
	assert.doesNotMatch(await signals.innerText(), /Er is nog geen bouwer/);
	assert.match(await signals.innerText(), /Les 1 uit de pilot Nieuw Delen/);
	await checkPage(page, 'communities-03-profile');

	// the same profile on a phone: nothing sticks out
	const phone = await newPage(browser, kring.base, { viewport: PHONE });
	await phone.context.addCookies(await context.cookies());
	await phone.page.goto(page.url());
	await checkPage(phone.page, 'communities-04-profile-phone');
	assert.equal(await horizontalOverflow(phone.page), 0, (await widestElements(phone.page)).join('\n'));
	await phone.context.close();

	// the list, filtered on a missing role, and the export
	await (await menuLink(page, 'Communities')).click();
	await page.getByLabel('Rol van medewerkers').selectOption('ontbreekt');
	await page.getByRole('button', { name: 'Toon' }).click();
	await page.getByRole('link', { name: NAME }).waitFor();
	assert.equal(await page.getByRole('link', { name: 'Taalcafé voor nieuwkomers' }).count(), 0);
	await checkPage(page, 'communities-05-list');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download deze lijst voor Excel (CSV)' }).click(),
	]);
	assert.match(download.suggestedFilename(), /^communities-de-sleutel-\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = readFileSync(await download.path());
	assert.deepEqual([...csv.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
	const text = csv.subarray(3).toString('utf8');
	assert.match(text, /^Naam;Status;/);
	assert.match(text, new RegExp(`${NAME};Verkennen;`));
	assert.doesNotMatch(text, /Taalcafé voor nieuwkomers/, 'the export follows the filter');

	// the blank worksheet to take along
	await page.getByRole('link', { name: 'Leeg werkblad om mee te nemen' }).click();
	await page.getByRole('heading', { level: 1, name: 'Werkblad 2 en 3 om mee te nemen' }).waitFor();
	assert.equal(await page.getByRole('button', { name: 'Afdrukken' }).isVisible(), true);
	await checkPage(page, 'communities-06-blank-worksheet');
	await page.emulateMedia({ media: 'print' });
	assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible(), false, 'no menu on paper');
	await screenshot(page, 'communities-07-blank-worksheet-print');
	await page.emulateMedia({ media: 'screen' });
	await context.close();
});

test('two people edit one profile: the conflict page shows both texts', async () => {
	const a = await newPage(browser, kring.base);
	const b = await newPage(browser, kring.base);
	await login(a.page, 'sascha@desleutel.nl');
	await login(b.page, 'jeroen@desleutel.nl');
	for (const p of [a.page, b.page]) {
		await p.goto('/o/de-sleutel/communities?status=in-contact');
		await p.getByRole('link', { name: 'Repair Café en dorpsnetwerk Heikant' }).click();
		await p.getByRole('link', { name: 'Profiel wijzigen' }).click();
	}
	await a.page.getByLabel('Waarom deze community?').fill('Sascha: het Repair Café trekt mensen die we nu missen.');
	await a.page.getByRole('button', { name: 'Opslaan' }).click();
	await a.page.getByText('Het profiel is opgeslagen.').waitFor();
	await b.page.getByLabel('Waarom deze community?').fill('Jeroen: de vestiging wil de huiskamer van het dorp zijn.');
	await b.page.getByRole('button', { name: 'Opslaan' }).click();
	await b.page.getByText('Iemand anders heeft dit profiel opgeslagen').waitFor();
	assert.match(await b.page.locator('.kring-conflict').innerText(), /Sascha: het Repair Café trekt mensen/);
	assert.equal(await b.page.getByLabel('Waarom deze community?').inputValue(), 'Jeroen: de vestiging wil de huiskamer van het dorp zijn.');
	await checkPage(b.page, 'communities-08-conflict');
	await b.page.getByRole('button', { name: 'Opslaan' }).click();
	await b.page.getByText('Het profiel is opgeslagen.').waitFor();
	await a.context.close();
	await b.context.close();
});

test('without JavaScript the lists still work: post and back to the same place', async () => {
	const { context, page } = await newPage(browser, kring.base, { javaScriptEnabled: false });
	await login(page, 'jeroen@desleutel.nl');
	await page.goto('/o/de-sleutel/communities?status=verkennen');
	await page.getByRole('link', { name: 'Boekstart: jonge ouders in Molenbeek' }).click();
	await page.getByLabel('Nieuwe behoefte', { exact: true }).fill('Een voorleesmoment op zaterdag');
	await page.getByRole('button', { name: named('Toevoegen', 'Nieuwe behoefte') }).click();
	await page.waitForURL(/#lijst-behoefte$/);
	await page.locator('#lijst-behoefte').getByText('Toegevoegd.').waitFor();
	const texts = await itemTexts(page, 'behoefte');
	assert.equal(texts.at(-1), 'Een voorleesmoment op zaterdag');
	await page.getByRole('button', { name: named('Omhoog', 'Een voorleesmoment op zaterdag') }).click();
	await page.waitForURL(/#item-\d+$/);
	const moved = await itemTexts(page, 'behoefte');
	assert.equal(moved.at(-2), 'Een voorleesmoment op zaterdag');
	// deleting asks first, on a page of its own
	await page.getByRole('link', { name: 'Verwijderen' }).click();
	await page.getByRole('heading', { level: 1, name: 'Community verwijderen' }).waitFor();
	await page.getByRole('link', { name: 'Nee, terug naar het profiel' }).click();
	await page.getByRole('heading', { level: 1, name: 'Boekstart: jonge ouders in Molenbeek' }).waitFor();
	await context.close();

	// the same confirmation page, checked by axe (which needs JavaScript)
	const js = await newPage(browser, kring.base);
	await login(js.page, 'jeroen@desleutel.nl');
	await js.page.goto('/o/de-sleutel/communities?status=verkennen');
	await js.page.getByRole('link', { name: 'Boekstart: jonge ouders in Molenbeek' }).click();
	await js.page.getByRole('link', { name: 'Verwijderen' }).click();
	await js.page.getByRole('heading', { level: 1, name: 'Community verwijderen' }).waitFor();
	await checkPage(js.page, 'communities-09-delete-confirm');
	await js.context.close();
});

test('Fatima (ambassadeur) sees only her own community; Anouk (adviseur) reads along', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'fatima@voorbeeld.nl');
	await page.goto('/o/de-sleutel/communities');
	await page.getByText('De communities waar jij ambassadeur van bent.').waitFor();
	const links = await page.locator('.kring-table--communities tbody a').allInnerTexts();
	assert.deepEqual(links, ['Taalcafé voor nieuwkomers']);
	assert.equal(await page.getByRole('link', { name: 'Communityscan' }).count(), 0);
	await checkPage(page, 'communities-10-ambassadeur-list');
	await page.getByRole('link', { name: 'Taalcafé voor nieuwkomers' }).click();
	await page.getByRole('heading', { level: 1, name: 'Taalcafé voor nieuwkomers' }).waitFor();
	assert.equal(await page.getByRole('link', { name: 'Profiel wijzigen' }).count(), 1);
	assert.equal(await page.locator('#koppel-medewerker').count(), 0, 'staff roles stay with staff');
	await addItem(page, 'door', 'Nieuwe actie DOOR de community', 'Kookavond met recepten uit de groep', 'idee');
	await checkPage(page, 'communities-11-ambassadeur-profile');
	const other = await page.goto('/o/de-sleutel/communities/2');
	assert.equal(other.status(), 404);
	await checkPage(page, 'communities-12-ambassadeur-404');
	await context.close();

	const anouk = await newPage(browser, kring.base);
	await login(anouk.page, 'anouk@rijnbrink.nl');
	await anouk.page.goto('/o/de-sleutel/communities?status=in-contact');
	await anouk.page.getByRole('link', { name: 'Repair Café en dorpsnetwerk Heikant' }).click();
	await anouk.page.getByRole('heading', { level: 1, name: 'Repair Café en dorpsnetwerk Heikant' }).waitFor();
	assert.equal(await anouk.page.getByRole('link', { name: 'Profiel wijzigen' }).count(), 0);
	assert.equal(await anouk.page.locator('form.kring-add').count(), 0);
	await checkPage(anouk.page, 'communities-13-adviseur-profile');
	await anouk.page.goto('/o/de-sleutel/scan');
	await checkPage(anouk.page, 'communities-14-adviseur-scan');
	await anouk.context.close();
});
