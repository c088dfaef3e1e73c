// access.test.mjs - kring for everyone: the keyboard, no JavaScript, print and
// a phone. Every page visited is checked with axe (WCAG 2.1 A/AA) and saved as
// a screenshot in test-results/screens/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	startKring, launchBrowser, newPage, checkPage, screenshot, login, horizontalOverflow,
	widestElements, clearScreens, expectNoAxeViolations, PHONE, menuLink, menuOutline,
} from './helpers.mjs';

const ORG = '/o/de-sleutel/';
let kring, browser;
let desk; // one desktop context shared by the tests below: fewer logins, a faster suite

/* A new page in the shared desktop context, logged in as Marieke. */
async function mariekePage() {
	const page = await desk.newPage();
	await page.goto(ORG);
	if (new URL(page.url()).pathname === '/login')
		await login(page, 'marieke@desleutel.nl');
	return page;
}

before(async () => {
	clearScreens(/^[3-4]\d-.*\.png$/); // this file's screenshots are 30 to 49
	kring = await startKring();
	browser = await launchBrowser();
	({ context: desk } = await newPage(browser, kring.base));
});

after(async () => {
	await desk?.close();
	await browser?.close();
	if (kring) {
		const end = await kring.stop();
		assert.equal(end.code, 0, `kring should stop cleanly on SIGTERM, ended with ${JSON.stringify(end)}\n${kring.log()}`);
	}
});

test('keyboard: the skip link is the first Tab stop and moves focus to the main content', { timeout: 30_000 }, async () => {
	const page = await desk.newPage();
	try {
		for (const [path, who] of [['/login', null], [ORG, 'marieke@desleutel.nl']]) {
			if (who)
				await login(page, who);
			await page.goto(path);
			await page.keyboard.press('Tab');
			const first = await page.evaluate(() => {
				const a = document.activeElement;
				const r = a.getBoundingClientRect();
				return { tag: a.tagName, cls: a.className, text: a.textContent.trim(), href: a.getAttribute('href'),
					visible: r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0 };
			});
			assert.equal(first.tag, 'A', `first Tab stop on ${path}`);
			assert.equal(first.text, 'Naar de inhoud', `first Tab stop on ${path}`);
			assert.equal(first.href, '#inhoud');
			assert.ok(first.visible, `the skip link is visible when it has focus on ${path}`);
			if (path === ORG)
				await screenshot(page, '30-skip-link-focused', { x: 0, y: 0, width: 1280, height: 200 });

			await page.keyboard.press('Enter');
			await page.waitForFunction(() => document.activeElement?.id === 'inhoud');
			assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MAIN');
			// the next Tab goes into the content, not back into the header
			await page.keyboard.press('Tab');
			assert.ok(await page.evaluate(() => !!document.activeElement.closest('main')),
				`after the skip link, Tab continues inside main on ${path}`);
		}
		await expectNoAxeViolations(page, 'home page after keyboard use');
	} finally {
		await page.close();
	}
});

test('keyboard: a focused link or button shows a visible focus outline', { timeout: 30_000 }, async () => {
	const page = await mariekePage();
	try {
		await page.goto(`${ORG}branches`);
		// walk the Tab order; every stop must be visible and have an outline or similar
		const bad = [];
		for (let i = 0; i < 14; i++) {
			await page.keyboard.press('Tab');
			const s = await page.evaluate(() => {
				const a = document.activeElement;
				const cs = getComputedStyle(a);
				return { what: `${a.tagName.toLowerCase()} "${(a.textContent || a.value || '').trim().slice(0, 30)}"`,
					outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
					shadow: cs.boxShadow !== 'none' };
			});
			if (!s.outline && !s.shadow)
				bad.push(s.what);
		}
		assert.deepEqual(bad, [], 'Tab stops without a visible focus indicator');
	} finally {
		await page.close();
	}
});

test('print: the home page and the list of branches print without navigation or controls', { timeout: 30_000 }, async () => {
	const page = await mariekePage();
	try {
		const shown = () => page.evaluate(() => ({
			nav: getComputedStyle(document.querySelector('.kring-nav')).display,
			header: getComputedStyle(document.querySelector('.kring-header')).display,
			skip: getComputedStyle(document.querySelector('.utrecht-skip-link')).display,
			main: getComputedStyle(document.querySelector('main')).display,
		}));
		assert.notEqual((await shown()).nav, 'none', 'on screen the navigation is shown');
		await page.emulateMedia({ media: 'print' });
		const s = await shown();
		assert.equal(s.nav, 'none', 'the navigation is hidden in print');
		assert.equal(s.header, 'none', 'the header (user, log out) is hidden in print');
		assert.equal(s.skip, 'none');
		assert.notEqual(s.main, 'none', 'the content is printed');
		assert.match(await page.locator('main').innerText(), /Bibliotheek De Sleutel/);
		await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
		await screenshot(page, '33-print-home');

		// the list of branches prints without its "Wijzigen" links and the add form
		await page.goto(`${ORG}branches`);
		const list = () => page.evaluate(() => ({
			actions: [...document.querySelectorAll('main .kring-col-action')].map((e) => getComputedStyle(e).display),
			forms: [...document.querySelectorAll('main form')].map((e) => getComputedStyle(e).display),
			rows: document.querySelectorAll('main tbody tr').length,
		}));
		const p = await list();
		assert.ok(p.actions.length > 0 && p.actions.every((d) => d === 'none'), `the "Wijzigen" column is not printed: ${p.actions}`);
		assert.ok(p.forms.every((d) => d === 'none'), 'no forms on paper');
		assert.equal(p.rows, 4);
		assert.equal(await page.locator('main tbody tr').first().locator('td').first().isVisible(), true, 'the branches are printed');
		await screenshot(page, '36-print-branches');
	} finally {
		await page.close();
	}
});

/* On a phone the list is one card per row: no column headers on screen, each cell
 * introduced by its column's name (data-label), and the "Wijzigen" link in each card. */
async function expectStackedTable(page, what) {
	const t = await page.evaluate(() => {
		const table = document.querySelector('main table');
		const row = table.querySelector('tbody tr');
		const cell = row.querySelector('td[data-label]');
		const head = table.tHead.getBoundingClientRect();
		return {
			stack: table.classList.contains('kring-table--stack'),
			row: getComputedStyle(row).display,
			cell: getComputedStyle(cell).display,
			head: { w: head.width, h: head.height },
			label: cell.dataset.label,
			before: getComputedStyle(cell, '::before').content,
			rowWidth: row.getBoundingClientRect().width,
			cells: [...row.querySelectorAll('td[data-label]')].map((c) => c.getBoundingClientRect().width),
			linkInside: (() => {
				const a = row.querySelector('a');
				const r = row.getBoundingClientRect(), l = a.getBoundingClientRect();
				return l.left >= r.left && l.right <= r.right && l.width > 0;
			})(),
		};
	});
	assert.ok(t.stack, `${what}: a stacking table`);
	assert.equal(t.row, 'block', `${what}: each row is a card`);
	assert.equal(t.cell, 'block', `${what}: cells one below the other`);
	assert.ok(t.head.w <= 1 && t.head.h <= 1, `${what}: the column headers are hidden on screen (${JSON.stringify(t.head)})`);
	assert.ok(t.label && t.before.includes(t.label) || /attr\(data-label\)/.test(t.before),
		`${what}: a cell shows its column name (${t.label}) before the value: content ${t.before}`);
	assert.ok(t.cells.every((w) => w > t.rowWidth * 0.8), `${what}: cells take the card's width (${t.cells} of ${t.rowWidth})`);
	assert.ok(t.linkInside, `${what}: the "Wijzigen" link lies inside its card`);
}

test('phone (390x844): no sideways scrolling on home, the lists of branches and people, and their edit pages', { timeout: 45_000 }, async () => {
	await (await mariekePage()).close();
	const { context, page } = await newPage(browser, kring.base, {
		viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
		storageState: await desk.storageState(), // Marieke's session
	});
	const problems = [];
	const fits = async (what) => {
		const over = await horizontalOverflow(page);
		if (over > 0)
			problems.push(`${what}: ${over}px wider than the screen; sticking out: ${(await widestElements(page)).join(', ')}`);
	};
	const check = async (what, shot) => {
		await fits(what);
		try {
			await checkPage(page, shot);
		} catch (e) {
			problems.push(e.message);
		}
	};
	try {
		await page.goto(ORG);
		await check(ORG, '40-phone-home');
		// each list, then its first "Wijzigen" link (tapped) to that row's own page
		for (const [list, listShot, editPath, editShot] of [
			[`${ORG}branches`, '41-phone-branches', /^\/o\/de-sleutel\/branches\/\d+$/, '43-phone-branch-page'],
			[`${ORG}people`, '42-phone-people', /^\/o\/de-sleutel\/people\/\d+$/, '44-phone-person-page'],
		]) {
			await page.goto(list);
			await expectStackedTable(page, list);
			await check(list, listShot);
			const link = page.locator('main tbody tr').first().getByRole('link', { name: /^Wijzigen / });
			assert.ok(await link.isVisible(), `${list}: the "Wijzigen" link shows in the card`);
			await Promise.all([page.waitForURL((u) => editPath.test(u.pathname)), link.tap()]);
			await check(new URL(page.url()).pathname, editShot);
		}
		// a rename with an error on the phone: the message fits as well
		await page.goto(`${ORG}branches/1`);
		await page.getByLabel('Naam van de vestiging').fill('');
		await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Opslaan', exact: true }).tap(),
		]);
		await assert.doesNotReject(page.locator('.kring-error-summary').waitFor(), 'the rename error is shown');
		await check(`${ORG}branches/1 with an error`, '45-phone-branch-rename-error');
		assert.equal(problems.length, 0, `on a phone:\n${problems.join('\n')}`);
	} finally {
		await context.close();
	}
});

test('without JavaScript: log in, add a branch (its name, with markup in it, shows as text), open its page and delete it', { timeout: 30_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base, { javaScriptEnabled: false });
	const name = 'Bibliotheekpunt <b>Zonder</b> Script & "Co"';
	try {
		await login(page, 'marieke@desleutel.nl');
		assert.equal(new URL(page.url()).pathname, ORG);
		await page.goto(`${ORG}branches`);
		const add = page.getByRole('region', { name: 'Vestiging toevoegen' });
		await add.getByLabel('Naam van de vestiging').fill(name);
		await add.getByLabel('Plaats').fill('Ergens');
		await Promise.all([
			page.waitForURL((u) => u.search.includes('klaar=toegevoegd')),
			add.getByRole('button', { name: 'Vestiging toevoegen' }).click(),
		]);
		assert.equal((await page.locator('.kring-notice').innerText()).trim(), 'De vestiging is toegevoegd.');
		const row = page.locator('main tbody tr').filter({ hasText: 'Ergens' });
		assert.equal(await row.count(), 1);
		assert.equal(await row.locator('td').first().innerText(), name, 'the name shows exactly as typed');
		assert.equal(await page.locator('main b').count(), 0, 'no markup from the name reaches the page');
		await screenshot(page, '34-nojs-branch-added');
		// the "Wijzigen" link is a plain link: the branch's own page opens without script,
		// headed by the name as text, and its form holds the name as typed
		await Promise.all([
			page.waitForURL((u) => /^\/o\/de-sleutel\/branches\/\d+$/.test(u.pathname)),
			row.getByRole('link', { name: /^Wijzigen / }).click(),
		]);
		assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), name);
		assert.equal(await page.locator('main b').count(), 0, 'no markup from the name on its page');
		const field = page.getByLabel('Naam van de vestiging');
		assert.ok(await field.isVisible());
		assert.equal(await field.inputValue(), name);
		await screenshot(page, '35-nojs-branch-page');
		// and deleting works without script too
		await Promise.all([
			page.waitForURL((u) => u.search.includes('klaar=verwijderd')),
			page.getByRole('button', { name: 'Ja, verwijder deze vestiging' }).click(),
		]);
		assert.equal((await page.locator('.kring-notice').innerText()).trim(), 'De vestiging is verwijderd.');
		assert.equal(await page.locator('main tbody tr').filter({ hasText: 'Ergens' }).count(), 0);
	} finally {
		await context.close();
	}
});

/* The top of the header's boxes: one line means the brand and the menu button share it. */
async function headerBox(page) {
	return page.evaluate(() => {
		const box = (sel) => {
			const el = document.querySelector(sel);
			const r = el && el.getBoundingClientRect();
			return r && r.width > 0 && el.checkVisibility() ? { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left) } : null;
		};
		return { header: box('.kring-header'), brand: box('.kring-brand'), button: box('.kring-menu__button'),
			nav: box('.kring-nav'), items: [...document.querySelectorAll('.kring-nav__list > li')].map((li) =>
				Math.round(li.getBoundingClientRect().top)) };
	});
}

test('menu on a laptop: one row of groups (Werk, Koers, Beheer), opened and closed with the keyboard', { timeout: 30_000 }, async () => {
	const page = await mariekePage();
	try {
		await page.goto(`${ORG}people`);
		const b = await headerBox(page);
		assert.equal(b.button, null, 'no menu button on a laptop');
		assert.equal(new Set(b.items).size, 1, `every menu item on one row (tops ${b.items})`);
		assert.ok(b.header.bottom <= 120, `header and menu take ${b.header.bottom}px`);
		// instruments (issue 12): Zelftest joins Koers for staff; route (issue 12a): Mijn route and Mijn bijdrage; workshops (issue 12): Workshops closes it
		// knowledge (issue 11) and public (issue 13): Kennisbank and Inbox close Werk; privacy (issue 14b) closes Beheer
		assert.deepEqual(await menuOutline(page), ['Start', 'Werk: Aandacht nodig, Communities, Communityscan, Partners, Gesprekken, Activiteiten, Agenda, Kennisbank, Inbox',
			'Koers: Stap 1: klaar?, Stap 2: visie, Meetlat, Zelftest, Dashboard, Mijn route, Mijn bijdrage, Workshops', 'Beheer: Organisatie, Mensen en rollen, Vestigingen, Logboek, Privacy']);
		// the group of the page shown is marked, and its link is the current page
		assert.equal(await page.locator('.kring-nav__group--here summary').innerText(), 'Beheer');
		assert.equal(await page.locator('a[aria-current="page"]', { hasText: 'Mensen en rollen' }).count(), 1);
		await screenshot(page, '37-menu-laptop', { x: 0, y: 0, width: 1280, height: 400 });

		// keyboard: Enter on a group opens it, Tab walks into it, Escape closes it again
		const beheer = page.locator('summary', { hasText: 'Beheer' });
		await beheer.focus();
		await page.keyboard.press('Enter');
		assert.equal(await page.locator('.kring-nav__group--here details').evaluate((d) => d.open), true);
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Organisatie');
		await screenshot(page, '38-menu-laptop-open', { x: 0, y: 0, width: 1280, height: 400 });
		await expectNoAxeViolations(page, 'laptop menu with a group open');
		// opening another group closes this one (one <details name>)
		await page.locator('summary', { hasText: 'Werk' }).click();
		assert.equal(await page.locator('.kring-nav__group--here details').evaluate((d) => d.open), false);
		await page.keyboard.press('Escape');
		assert.equal(await page.locator('details[open]').count(), 0, 'Escape closes the open group');
		assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Werk', 'focus back on its button');
		// a click elsewhere closes a group as well
		await (await menuLink(page, 'Meetlat')).waitFor();
		await page.locator('h1').click();
		assert.equal(await page.locator('details[open]').count(), 0, 'a click elsewhere closes the group');
	} finally {
		await page.close();
	}
});

test('menu on a phone (390x844): one line with a menu button that works with a finger, the keyboard and without JavaScript', { timeout: 45_000 }, async () => {
	await (await mariekePage()).close();
	for (const js of [true, false]) {
		const { context, page } = await newPage(browser, kring.base, {
			viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, javaScriptEnabled: js,
			storageState: await desk.storageState(), // Marieke's session
		});
		try {
			await page.goto(ORG);
			const b = await headerBox(page);
			assert.ok(b.button, 'a menu button on a phone');
			assert.equal(b.button.top < b.brand.bottom && b.brand.top < b.button.bottom, true,
				`brand and menu button on one line (${JSON.stringify(b)})`);
			assert.ok(b.header.bottom <= 72, `the header takes ${b.header.bottom}px of 844 (was 340)`);
			assert.equal(b.nav, null, 'the menu itself is folded away');
			assert.equal(await horizontalOverflow(page), 0);
			if (js) {
				await screenshot(page, '39-menu-phone', { x: 0, y: 0, width: 390, height: 844 });
				await expectNoAxeViolations(page, 'phone with the menu closed');
			}
			const button = page.locator('summary.kring-menu__button', { hasText: 'Menu' });
			if (js) {
				// the keyboard: Enter opens the menu
				await button.focus();
				await page.keyboard.press('Enter');
			} else {
				await button.tap();
			}
			assert.ok(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible(), 'the menu opens');
			assert.ok(await page.getByRole('button', { name: 'Uitloggen' }).isVisible(), 'the person and log-out are in the menu');
			await page.locator('summary', { hasText: 'Werk' }).tap();
			if (js) {
				await screenshot(page, '46-menu-phone-open', { x: 0, y: 0, width: 390, height: 844 });
				await expectNoAxeViolations(page, 'phone with the menu and a group open');
			}
			await Promise.all([
				page.waitForURL((u) => u.pathname === `${ORG}partners`),
				page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Partners' }).tap(),
			]);
			assert.equal(await page.locator('.kring-menu').evaluate((d) => d.open), false, 'the next page starts with the menu closed');
		} finally {
			await context.close();
		}
	}
});

test('an ambassadeur: a short menu, one group (Werk: Aandacht nodig, Communities, Activiteiten and the calendar)', { timeout: 30_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base);
	try {
		await login(page, 'fatima@voorbeeld.nl');
		assert.deepEqual(await menuOutline(page), ['Start', 'Werk: Aandacht nodig, Communities, Activiteiten, Agenda, Kennisbank', 'Dashboard', 'Vestigingen']);
		// calendar (issue 9) and signals (issue 10): Agenda, Activiteiten and Aandacht nodig join Communities in Werk; dashboard: Koers holds only the Dashboard, a plain link
		assert.equal(await page.locator('.kring-nav summary').count(), 1);
	} finally {
		await context.close();
	}
});

test('radio buttons show the choice made (community form: status, type, bond)', { timeout: 30_000 }, async () => {
	const page = await mariekePage();
	try {
		await page.goto(`${ORG}communities/new`);
		for (const [legend, option] of [['Status', 'Samenwerken'], ['Type community', null], ['Hoe sterk', null]]) {
			const set = page.locator('fieldset', { has: page.locator('legend', { hasText: legend }) });
			const radios = set.locator('input[type="radio"]');
			const pick = option ? set.getByLabel(option, { exact: true }) : radios.nth(2);
			await pick.check();
			const icon = (loc) => loc.evaluate((el) => getComputedStyle(el).getPropertyValue('--_utrecht-radio-button-icon-size').trim());
			assert.notEqual(await icon(pick), '0', `${legend}: the chosen button draws its dot`);
			const other = (await radios.nth(0).isChecked()) ? radios.nth(1) : radios.nth(0);
			assert.equal(await icon(other), '0', `${legend}: a button not chosen has no dot`);
		}
		const status = page.locator('fieldset', { has: page.locator('legend', { hasText: 'Status' }) });
		await status.scrollIntoViewIfNeeded();
		await screenshot(page, '47-radio-chosen', await status.boundingBox());
		await expectNoAxeViolations(page, 'community form with choices made');
	} finally {
		await page.close();
	}
});
