// partners.test.mjs - the browser journey of step 4 (issue 3, second half):
// Sascha meets a partner, prepares the talk with the tips at hand, takes the
// blank partner-power form along (printed: no navigation, two A4 pages),
// records partner power on her phone afterwards, logs the conversation with
// two action points and the next contact, ticks one off without JavaScript,
// sees it on the community's timeline, finds it all again by search ("cafe"
// finds "Taalcafé") and exports the partner list. Every page is checked with
// axe (WCAG 2.1 A and AA: zero violations) and kept as a screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
	startKring, launchBrowser, newPage, checkPage, screenshot, login, PHONE,
	horizontalOverflow, widestElements, menuLink,
} from './helpers.mjs';

let kring, browser;

before(async () => {
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

const ORG = '/o/de-sleutel';

test('Sascha meets a partner, records partner power and the conversation, and finds it all again', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'sascha@desleutel.nl');

	// the partners of De Sleutel, from the menu
	await (await menuLink(page, 'Partners')).click();
	await page.waitForURL(`**${ORG}/partners`);
	await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
	assert.ok(await page.getByRole('link', { name: 'VluchtelingenWerk Zandhoven' }).isVisible());
	await checkPage(page, 'partners-01-list');

	// a new partner, working with the Taalcafé
	await page.getByRole('link', { name: 'Nieuwe partner' }).click();
	await page.waitForURL(`**${ORG}/partners/new`);
	await checkPage(page, 'partners-02-new');
	await page.locator('#f-name').fill('Moskee Al Nour');
	await page.locator('#f-kind').selectOption({ label: 'Vereniging of club' });
	await page.locator('#f-part_of').fill('Zandhoven-Zuid');
	await page.locator('#f-description').fill('Moskee met een vrouwengroep en huiswerkbegeleiding. Veel ouders spreken nog weinig Nederlands.');
	await page.locator('#f-contact_name').fill('Yusuf Kaya (secretaris)');
	await page.getByLabel('Taalcafé voor nieuwkomers').check();
	await Promise.all([
		page.waitForURL(/\/partners\/\d+\?klaar=nieuw$/),
		page.getByRole('button', { name: 'Partner opslaan' }).click(),
	]);
	const partnerUrl = new URL(page.url()).pathname;
	const partnerId = Number(/partners\/(\d+)/.exec(partnerUrl)[1]);
	await page.getByText('De partner is opgeslagen.').waitFor();
	assert.ok(await page.getByRole('link', { name: 'Taalcafé voor nieuwkomers' }).isVisible());
	await checkPage(page, 'partners-03-partner');

	// preparing the talk: what kring knows, and the tips of step 4b and 4d
	await page.getByRole('link', { name: 'Gesprek voorbereiden' }).click();
	await page.getByRole('heading', { level: 1, name: 'Gesprek voorbereiden met Moskee Al Nour' }).waitFor();
	for (const tip of ['Koester stiltes.', 'NIVEA: Niet Invullen Voor Een Ander.', 'Gebruik open vragen.'])
		assert.ok(await page.getByText(tip, { exact: true }).isVisible(), tip);
	await checkPage(page, 'partners-04-prepare');

	// the blank form to take along: clean on A4, no navigation
	await page.getByRole('link', { name: 'Leeg formulier om mee te nemen' }).click();
	await page.waitForURL(`**${ORG}/partners/print?partner=${partnerId}`);
	await page.getByRole('heading', { name: 'Werkblad 4: partner power (1/2)' }).waitFor();
	assert.ok(await page.getByRole('button', { name: 'Afdrukken' }).isVisible(), 'kring.js shows the print button');
	await checkPage(page, 'partners-05-blank-form');
	await page.emulateMedia({ media: 'print' });
	for (const sel of ['.kring-header', '.kring-nav', '.kring-footer', '.kring-search', '.kring-screen-only'])
		assert.equal(await page.locator(sel).first().evaluate((el) => getComputedStyle(el).display), 'none', `${sel} is not printed`);
	assert.ok(await page.getByRole('heading', { name: 'Werkblad 5: partner power (2/2)' }).isVisible());
	assert.ok(await page.getByText('Moskee Al Nour', { exact: true }).isVisible(), 'the partner is printed in');
	const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
	assert.equal(pages, 2, 'werkblad 4 on one A4, werkblad 5 on the next');
	await page.screenshot({ path: 'test-results/screens/partners-05b-blank-form-print.png', fullPage: true });
	await page.emulateMedia({ media: 'screen' });

	// after the meeting: partner power, typed on her phone
	const phone = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	await login(phone.page, 'sascha@desleutel.nl');
	await phone.page.goto(`${ORG}/partners/${partnerId}/power/new`);
	await phone.page.getByRole('heading', { level: 1, name: 'Partner power: Moskee Al Nour' }).waitFor();
	// werkblad 5's questions start folded on a phone; one tap opens them
	const question = phone.page.getByText('Welke dingen/mensen inspireren je?');
	assert.equal(await question.isVisible(), false);
	await phone.page.getByText('Vragen over waarden', { exact: true }).click();
	assert.ok(await question.isVisible(), 'werkblad 5 beside the field');
	assert.ok(await horizontalOverflow(phone.page) <= 0, `no sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'partners-06-power-phone');
	await phone.page.locator('#f-challenges').fill('Ouders willen hun kinderen helpen met huiswerk, maar de taal is een drempel.');
	await phone.page.locator('#f-core_values').fill('Gastvrijheid en zorg voor elkaar.');
	await phone.page.locator('#f-goals').fill('Dat moeders zelfstandig naar school en bibliotheek gaan.');
	await phone.page.locator('#f-commitments').fill('Twee vrijwilligers op zaterdag; de vrouwengroep komt één keer per maand naar het taalcafé.');
	await phone.page.locator('#f-success').fill('Samen een iftar in de bibliotheek, voor de hele buurt.');
	await Promise.all([
		phone.page.waitForURL(/klaar=power-nieuw/),
		phone.page.getByRole('button', { name: 'Partner power opslaan' }).click(),
	]);
	await phone.page.getByText('Partner power is vastgelegd.').waitFor();
	assert.ok(await phone.page.getByText('Samen een iftar in de bibliotheek, voor de hele buurt.').isVisible());
	assert.ok(await horizontalOverflow(phone.page) <= 0, `no sideways scrolling: ${await widestElements(phone.page)}`);
	await checkPage(phone.page, 'partners-07-partner-phone');
	await phone.context.close();

	// the conversation, with two action points and the next contact
	await page.goto(partnerUrl);
	await page.getByRole('link', { name: 'Gesprek vastleggen' }).click();
	await page.waitForURL(`**${ORG}/conversations/new?partner=${partnerId}`);
	assert.equal(await page.locator('#f-partner').inputValue(), String(partnerId), 'the partner is filled in');
	await checkPage(page, 'partners-08-talk-new');
	await page.getByLabel('Partner power', { exact: true }).check();
	await page.locator('#f-community').selectOption({ label: 'Taalcafé voor nieuwkomers' });
	await page.locator('#f-participants').fill('Yusuf Kaya, twee moeders van de vrouwengroep, Sascha de Vries');
	await page.locator('#f-subject').fill('Partner power met de moskee');
	await page.locator('#f-report').fill('Yusuf vertelde over de huiswerkbegeleiding. Lange stilte na de vraag wat succes is; toen: een iftar voor de hele buurt.');
	await page.locator('#f-a1_text').fill('Zaal vastleggen voor de iftar');
	await page.locator('#f-a1_owner').selectOption({ label: 'Jeroen Bakker' });
	await page.locator('#f-a1_due').fill('2099-03-01');
	await page.locator('#f-a2_text').fill('Verslag terugsturen naar Yusuf');
	await page.locator('#f-a2_owner').selectOption({ label: 'Sascha de Vries' });
	await page.locator('#f-a2_due').fill('2099-01-10');
	await page.locator('#f-next_on').fill('2099-02-01');
	await page.locator('#f-next_note').fill('Iftar samen voorbereiden');
	await Promise.all([
		page.waitForURL(/\/conversations\/\d+\?klaar=nieuw$/),
		page.getByRole('button', { name: 'Gesprek opslaan' }).click(),
	]);
	const talkUrl = new URL(page.url()).pathname;
	await page.getByText('Het gesprek is vastgelegd.', { exact: false }).waitFor();
	assert.equal(await page.locator('.kring-ap').count(), 2);
	assert.ok(await page.getByText('1 februari 2099').isVisible());
	await checkPage(page, 'partners-09-talk');

	// tick one off, without JavaScript: a plain form post
	const nojs = await newPage(browser, kring.base, { javaScriptEnabled: false });
	await login(nojs.page, 'sascha@desleutel.nl');
	await nojs.page.goto(talkUrl);
	await Promise.all([
		nojs.page.waitForURL(/klaar=ap-gedaan/),
		nojs.page.getByRole('button', { name: /^Afvinken\s*: Verslag terugsturen naar Yusuf$/ }).click(),
	]);
	await nojs.page.getByText('Afgevinkt. Goed gedaan!').waitFor();
	assert.ok(await nojs.page.getByRole('button', { name: /^Gedaan, weer openzetten\s*: Verslag terugsturen naar Yusuf$/ }).isVisible());
	/* axe needs JavaScript: this page is checked below, in the first context */
	await screenshot(nojs.page, 'partners-10-talk-ticked-nojs');
	await nojs.context.close();
	await page.goto(talkUrl);
	assert.ok(await page.getByRole('button', { name: /^Gedaan, weer openzetten\s*: Verslag/ }).isVisible());
	await checkPage(page, 'partners-10b-talk-ticked');

	// the community's page: its partners and its timeline
	await page.getByRole('link', { name: 'Taalcafé voor nieuwkomers' }).click();
	const timeline = page.locator('#tijdlijn');
	await timeline.waitFor();
	assert.ok(await timeline.getByRole('link', { name: 'Partner power met de moskee' }).isVisible());
	assert.ok(await timeline.getByText('Iftar samen voorbereiden').isVisible(), 'the planned contact');
	assert.ok(await timeline.getByText('Zaal vastleggen voor de iftar').isVisible(), 'the open action point');
	assert.ok(await timeline.getByText('Verslag terugsturen naar Yusuf').isVisible(), 'the one done');
	assert.ok(await page.locator('#partners').getByRole('link', { name: 'Moskee Al Nour' }).isVisible());
	await checkPage(page, 'partners-11-community-timeline');

	// find it all again: "cafe" finds "Taalcafé", the moskee is found by its words
	const box = page.getByRole('search', { name: 'Zoeken in kring' });
	await box.getByRole('searchbox').fill('cafe');
	await Promise.all([page.waitForURL(/\/search\?q=cafe/), box.getByRole('button', { name: 'Zoeken' }).click()]);
	const communities = page.locator('section[aria-labelledby="h-community"]');
	assert.ok(await communities.getByRole('link', { name: 'Taalcafé voor nieuwkomers' }).isVisible());
	assert.ok(await page.locator('section[aria-labelledby="h-partner"]').getByRole('link', { name: 'Moskee Al Nour' }).isVisible());
	await checkPage(page, 'partners-12-search');
	await page.getByRole('searchbox', { name: 'Waar zoek je?' }).fill('IFTAR');
	await Promise.all([page.waitForURL(/q=IFTAR/), page.getByRole('button', { name: 'Zoeken', exact: true }).click()]);
	assert.ok(await page.locator('section[aria-labelledby="h-conversation"]').getByRole('link', { name: 'Partner power met de moskee' }).isVisible());
	assert.ok(await page.locator('section[aria-labelledby="h-partner"]').getByRole('link', { name: 'Moskee Al Nour' }).isVisible());

	// the conversations: open action points and planned contacts
	await (await menuLink(page, 'Gesprekken')).click();
	await page.getByRole('heading', { level: 2, name: 'Actiepunten die openstaan' }).waitFor();
	assert.ok(await page.getByText('Zaal vastleggen voor de iftar', { exact: true }).isVisible());
	await checkPage(page, 'partners-13-conversations');

	// export the partner list for Excel
	await page.goto(`${ORG}/partners`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download deze lijst voor Excel (CSV)' }).click(),
	]);
	assert.match(download.suggestedFilename(), /^partners-de-sleutel-\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = readFileSync(await download.path());
	assert.deepEqual([...csv.subarray(0, 3)], [0xEF, 0xBB, 0xBF], 'UTF-8 with a byte-order mark');
	const text = csv.subarray(3).toString('utf8');
	assert.ok(text.startsWith('Naam;Soort;Van;'));
	assert.match(text, /Moskee Al Nour;Vereniging of club;Zandhoven-Zuid;[^\r]*Taalcafé voor nieuwkomers;\d{4}-\d{2}-\d{2};Ouders willen/);
	await context.close();
});

test('the other roles: an adviseur reads along, an ambassadeur searches only her own community', async () => {
	const { context, page } = await newPage(browser, kring.base);
	await login(page, 'anouk@rijnbrink.nl');
	await page.goto(`${ORG}/partners`);
	await page.getByRole('link', { name: 'VluchtelingenWerk Zandhoven' }).click();
	await page.getByRole('heading', { level: 1, name: 'VluchtelingenWerk Zandhoven' }).waitFor();
	assert.equal(await page.getByRole('link', { name: 'Partner power vastleggen' }).count(), 0);
	await checkPage(page, 'partners-20-adviser-partner');
	await page.getByRole('link', { name: 'Partner power met VluchtelingenWerk' }).click();
	await page.getByRole('heading', { level: 2, name: 'Actiepunten' }).waitFor();
	assert.equal(await page.getByRole('button', { name: /^Afvinken/ }).count(), 0);
	await checkPage(page, 'partners-21-adviser-talk');
	await context.close();

	const amb = await newPage(browser, kring.base);
	await login(amb.page, 'fatima@voorbeeld.nl');
	const nav = amb.page.getByRole('navigation', { name: 'Hoofdmenu' });
	assert.equal(await nav.getByRole('link', { name: 'Partners', includeHidden: true }).count(), 0);
	const box = amb.page.getByRole('search', { name: 'Zoeken in kring' });
	await box.getByRole('searchbox').fill('café');
	await Promise.all([amb.page.waitForURL(/\/search\?q=/), box.getByRole('button', { name: 'Zoeken' }).click()]);
	assert.ok(await amb.page.getByRole('link', { name: 'Taalcafé voor nieuwkomers' }).isVisible());
	assert.equal(await amb.page.getByRole('link', { name: 'Repair Café en dorpsnetwerk Heikant' }).count(), 0);
	assert.equal(await amb.page.locator('section[aria-labelledby="h-partner"]').count(), 0);
	await checkPage(amb.page, 'partners-22-ambassador-search');
	const res = await amb.page.goto(`${ORG}/partners`);
	assert.equal(res.status(), 403);
	await amb.context.close();
});
