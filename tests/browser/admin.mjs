// admin.mjs - the committee member's first morning in a real browser
// (Debian's Chromium through playwright-core): the setup link, creating
// next month's event, its link and handout, the summary of an event
// with responses, downloading the report, responses, accounts, signing
// out - with axe-core on every admin page. Prints TAP.
// Usage: node admin.mjs BASE_URL DATABASE SETUP_LINK [SHOTS_DIR]
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ok, done, axe, launch, sql as sqlOn } from './lib.mjs';

const [base, db, setup, shots] = process.argv.slice(2);
const sql = q => sqlOn(db, q);

async function shot(page, name) {
	if (shots) await page.screenshot({ path: join(shots, 'admin-' + name + '.png'), fullPage: true });
}

const browser = await launch();
try {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 },
					       bypassCSP: true, acceptDownloads: true });
	const page = await ctx.newPage();
	page.setDefaultTimeout(15000);

	// the setup link, once
	let res = await page.goto(setup);
	ok(res.status() === 200, 'the setup link opens the first-account page');
	await shot(page, 'setup');
	await axe(page, 'the setup page');
	await page.getByLabel('Account name').fill('chair');
	await page.getByLabel('Password', { exact: true }).fill('short');
	await page.getByLabel('Repeat the password').fill('short');
	await page.getByRole('button', { name: 'Create account and sign in' }).click();
	await page.waitForLoadState();
	ok(await page.locator('.error-summary').isVisible(), 'a too-short password is explained');
	await axe(page, 'the setup page with an error');
	await page.getByLabel('Password', { exact: true }).fill('a long passphrase');
	await page.getByLabel('Repeat the password').fill('a long passphrase');
	await page.getByRole('button', { name: 'Create account and sign in' }).click();
	await page.waitForURL(base + '/admin');
	ok(await page.locator('h1').textContent() === 'Dashboard', 'the new admin lands on the dashboard');
	await shot(page, 'dashboard');
	await axe(page, 'the dashboard');

	// next month's event
	await page.getByRole('link', { name: 'Create an event' }).click();
	await page.waitForLoadState();
	await axe(page, 'the events page');
	const d = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10);
	await page.getByLabel('Feedback form').selectOption('event-feedback');
	await page.getByLabel('Title').fill('Copyright for ILL staff');
	await page.getByLabel('Short address').fill('copyright-next');
	await page.getByLabel('Date', { exact: true }).fill(d);
	await page.getByLabel('Location').fill('Central Library, Room 2');
	await page.getByLabel('Format').selectOption('hybrid');
	await page.getByLabel('Attendees').fill('35');
	await page.getByRole('button', { name: 'Create event' }).click();
	await page.waitForURL('**/admin/events/copyright-next?done=created');
	ok(await page.locator('h1').textContent() === 'Copyright for ILL staff', 'the event page opens');
	ok(await page.locator('#qr-loopback').isVisible() && await page.locator('svg.qr').count() === 0,
	   'on 127.0.0.1 the page says why there is no QR code instead of showing one');
	ok(sql("SELECT count(*) FROM event WHERE key = 'copyright-next'") === '1', 'the event is stored');
	await shot(page, 'event');
	await axe(page, 'the event page');
	const pub = await page.request.get(base + '/f/event-feedback/copyright-next');
	// feedback opens at 00:00 on the event's date
	ok(pub.status() === 410 && (await pub.text()).includes('Feedback opens on '),
	   'its public link says when feedback opens', pub.status());
	const ho = await page.request.get(base + '/admin/events/copyright-next/handout.pdf');
	ok(ho.status() === 200 && ho.headers()['content-type'] === 'application/pdf' &&
	   (await ho.body()).subarray(0, 5).toString() === '%PDF-', 'the handout is a PDF');

	// the summary of an event with responses, and its report
	const ev = sql("SELECT e.key FROM event e WHERE (SELECT count(*) FROM response r WHERE r.event = e.id) > 5 ORDER BY e.date DESC LIMIT 1");
	await page.goto(base + '/admin');
	await page.locator(`a[href="/admin/forms/event-feedback?event=${ev}"]`).first().click();
	await page.waitForLoadState();
	ok(await page.locator('.question-summary').count() > 5, 'the summary shows every question');
	ok(await page.locator('svg.bar').count() > 5, 'with charts');
	await shot(page, 'summary-event');
	await axe(page, 'the event summary');
	const dl = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download PDF report' }).click();
	const file = await dl;
	const path = await file.path();
	ok(file.suggestedFilename() === `report-event-feedback-${ev}.pdf` &&
	   readFileSync(path).subarray(0, 5).toString() === '%PDF-',
	   'the report downloads as a PDF', file.suggestedFilename());
	await page.goto(base + '/admin/forms/event-feedback');
	ok(await page.getByRole('img', { name: 'Net promoter score per event' }).isVisible() &&
	   await page.getByRole('img', { name: /^Mean of .* per event$/ }).isVisible(),
	   'the form summary charts the mean and NPS per event');
	ok(await page.locator('.per-event-table tbody tr').count() >= 2 &&
	   await page.locator('.likert-chart svg.diverging').count() === 4 &&
	   await page.locator('svg.stack').isVisible(),
	   'with the per-event table, diverging Likert bars and the NPS split');
	await shot(page, 'summary-form');
	await axe(page, 'the form summary over all events');

	// the other admin pages
	const id = sql('SELECT max(id) FROM response');
	for (const [path, what] of [
		['/admin/responses', 'the responses list'],
		[`/admin/responses/${id}`, 'one response'],
		[`/admin/responses/${id}?confirm=delete`, 'the delete confirmation'],
		['/admin/users', 'the accounts page'],
		['/admin/account', 'the own account page'],
		['/admin/report', 'the report options'],
		['/admin/export', 'the export options'],
		['/admin/forms/training-ideas', 'the training ideas summary'],
		['/admin/forms/member-survey', 'the member survey summary'],
		['/admin/nowhere', 'the not-found page'],
	]) {
		res = await page.goto(base + path);
		ok(res.status() === (path === '/admin/nowhere' ? 404 : 200), `${what} opens`, res.status());
		await shot(page, path.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
		await axe(page, what);
	}

	// sign out, then the sign-in page
	await page.goto(base + '/admin');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.waitForURL('**/admin/login**');
	await shot(page, 'login');
	await axe(page, 'the sign-in page');
	res = await page.goto(base + '/admin/events');
	ok(page.url().startsWith(base + '/admin/login'), 'after signing out the admin pages ask for sign-in');
	await page.getByLabel('Account name').fill('chair');
	await page.getByLabel('Password').fill('wrong password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForLoadState();
	ok((await page.locator('.error-summary').textContent()).includes('account name or password is not right'),
	   'a wrong password is refused without saying which part');
	await axe(page, 'the sign-in page with an error');
	await page.getByLabel('Password').fill('a long passphrase');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(base + '/admin/events');
	ok(true, 'signing in returns to the page asked for');

	// the real CSP: no console errors on the admin pages
	const strict = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await strict.addCookies(await ctx.cookies());
	const sp = await strict.newPage();
	const errors = [];
	sp.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
	sp.on('pageerror', e => errors.push(String(e)));
	for (const path of ['/admin', '/admin/events/copyright-next', '/admin/forms/event-feedback',
			    `/admin/forms/event-feedback?event=${ev}`])
		await sp.goto(base + path);
	await shot(sp, 'phone-summary');

	// the summaries on a phone: no sideways scrolling, axe-core clean
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
	await phone.addCookies(await ctx.cookies());
	const pp = await phone.newPage();
	for (const path of ['/admin/forms/event-feedback', `/admin/forms/event-feedback?event=${ev}`,
			    '/admin/forms/member-survey']) {
		await pp.goto(base + path);
		const wide = await pp.evaluate(() => document.documentElement.scrollWidth);
		ok(wide <= 390, `${path} fits a phone without sideways scrolling`, wide);
		await axe(pp, `${path} on a phone`);
	}
	ok(errors.length === 0, 'no console errors or CSP violations on the admin pages', errors.join('\n'));
} catch (e) {
	ok(false, 'the browser run finished', e.stack || e);
} finally {
	await browser.close();
}
done();
