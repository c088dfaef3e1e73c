// dashboard.test.mjs - the browser journey of the manager's overview (issue
// 10): Marieke opens the dashboard from the menu, reads the charts and the
// tables beside them, narrows the period without JavaScript, opens the year
// report and prints it on A4 (print media: no menu, no buttons), and downloads
// the whole organisation as an Excel workbook. On a laptop and on a phone;
// every page axe-clean (WCAG 2.1 A and AA) and kept as a screenshot.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
	startKring, launchBrowser, newPage, checkPage, screenshot, login, PHONE,
	horizontalOverflow, widestElements, menuLink, expectNoAxeViolations,
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

test('Marieke reads the dashboard, narrows the period, prints the year report and downloads the workbook', { timeout: 90_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base, { acceptDownloads: true });
	try {
		await login(page, 'marieke@desleutel.nl');
		await (await menuLink(page, 'Dashboard')).click();
		await page.waitForURL(`**${ORG}/dashboard`);
		await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

		// every chart is an image with a name, and a table with the same numbers is there
		for (const name of ['Communities per fase', 'Activiteiten per maand', 'Deelnemers per maand'])
			assert.equal(await page.getByRole('img', { name }).count(), 1, `chart "${name}"`);
		assert.ok(await page.getByRole('table', { name: 'Communities per fase en archetype' }).isVisible());
		const months = page.getByRole('table', { name: /^Activiteiten en deelnemers per maand/ });
		assert.equal(await months.locator('tbody tr').count(), 12, 'twelve months');
		assert.ok(await page.getByRole('heading', { name: 'Actiepunten' }).isVisible());
		assert.ok(await page.getByRole('heading', { name: 'Meetlat' }).isVisible());
		assert.match(await page.locator('.kring-dash-phase').innerText(), /^Fase \d: /, 'the latest meetlat phase');
		await checkPage(page, 'dashboard-01-laptop');

		// the period, chosen in the form (a plain GET: no JavaScript needed)
		await page.getByLabel('Periode', { exact: true }).selectOption({ label: 'Laatste 3 maanden' });
		await Promise.all([
			page.waitForURL(/\/dashboard\?.*periode=3/),
			page.getByRole('button', { name: 'Toon' }).click(),
		]);
		assert.equal(await months.locator('tbody tr').count(), 3, 'three months');
		assert.equal(await page.getByLabel('Periode', { exact: true }).inputValue(), '3', 'the choice stays chosen');

		// the year report, printed
		await page.getByRole('link', { name: 'Jaarverslag (om te printen)' }).click();
		await page.waitForURL(`**${ORG}/report`);
		const year = String(new Date().getFullYear());
		await page.getByRole('heading', { level: 1, name: `Jaarverslag ${year}` }).waitFor();
		assert.ok(await page.getByText('Opslaan als PDF').isVisible(), 'the page says how to make a PDF');
		await checkPage(page, 'dashboard-02-report');
		await page.emulateMedia({ media: 'print' });
		for (const hidden of ['nav.kring-nav', '.kring-annual__tools', 'header.kring-header', 'footer.kring-footer'])
			if (await page.locator(hidden).count())
				assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
		assert.equal(await page.getByRole('button').filter({ visible: true }).count(), 0, 'no buttons on paper');
		assert.ok(await page.getByRole('heading', { name: 'Het jaar in het kort' }).isVisible());
		await screenshot(page, 'dashboard-03-report-print');
		const pdf = await page.pdf({ preferCSSPageSize: true });
		const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
		assert.ok(box, 'the PDF has pages');
		assert.ok(Math.abs(Number(box[1]) - 595.9) < 2 && Math.abs(Number(box[2]) - 842.9) < 2, `A4 pages (${box[1]} × ${box[2]})`);
		await page.emulateMedia({ media: 'screen' });

		// the whole organisation as a workbook, from the dashboard
		await page.goto(`${ORG}/dashboard`);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Alles downloaden als Excel (.xlsx)' }).click(),
		]);
		assert.match(download.suggestedFilename(), /^kring-de-sleutel-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const bytes = readFileSync(await download.path());
		assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file');
	} finally {
		await context.close();
	}
});

test('the dashboard on a phone: no sideways scrolling of the page; an ambassadeur sees her own communities', { timeout: 90_000 }, async () => {
	const { context, page } = await newPage(browser, kring.base, { viewport: PHONE, isMobile: true, hasTouch: true });
	try {
		await login(page, 'marieke@desleutel.nl');
		await page.goto(`${ORG}/dashboard`);
		assert.equal(await horizontalOverflow(page), 0, `the page fits: ${await widestElements(page)}`);
		await checkPage(page, 'dashboard-04-phone');
		await page.goto(`${ORG}/report`);
		assert.equal(await horizontalOverflow(page), 0, `the report fits: ${await widestElements(page)}`);
		await checkPage(page, 'dashboard-05-report-phone');
	} finally {
		await context.close();
	}
	const amb = await newPage(browser, kring.base);
	try {
		await login(amb.page, 'fatima@voorbeeld.nl');
		await (await menuLink(amb.page, 'Dashboard')).click();
		await amb.page.waitForURL(`**${ORG}/dashboard`);
		assert.ok(await amb.page.getByText('waar jij ambassadeur van bent').isVisible());
		assert.equal(await amb.page.getByRole('heading', { name: 'Actiepunten' }).count(), 0, 'no internal steps');
		assert.equal(await amb.page.getByLabel('Vestiging', { exact: true }).count(), 0, 'no branch filter');
		await expectNoAxeViolations(amb.page, 'dashboard as ambassadeur');
		await screenshot(amb.page, 'dashboard-06-ambassadeur');
	} finally {
		await amb.context.close();
	}
});
