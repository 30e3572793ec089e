// ideas.mjs - the topic board in a real browser (Debian's Chromium
// through playwright-core): a phone with JavaScript off votes twice for
// one idea (the second is not counted), another browser's vote counts,
// and axe-core runs on /ideas and /admin/ideas at 390 and 1280 px.
// Prints TAP. Usage: node ideas.mjs BASE_URL DATABASE [SHOTS_DIR]
import { join } from 'node:path';
import { ok, done, axe, launch, sql as sqlOn } from './lib.mjs';

const [base, db, shots] = process.argv.slice(2);
const sql = q => sqlOn(db, q);
const phone = { viewport: { width: 390, height: 844 }, isMobile: true,
		hasTouch: true, deviceScaleFactor: 2 };
const desktop = { viewport: { width: 1280, height: 900 } };

async function shot(page, name) {
	if (shots) await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
}

const browser = await launch();
try {
	const top = sql("SELECT id FROM idea WHERE topic = 'Lending rare books by mail'");

	// a phone without JavaScript: the vote is a plain form
	const nojs = await browser.newContext({ ...phone, javaScriptEnabled: false });
	let page = await nojs.newPage();
	page.setDefaultTimeout(10000);
	let res = await page.goto(base + '/ideas');
	ok(res.status() === 200, '/ideas opens on a phone without JavaScript');
	const card = page.locator('#idea-' + top);
	ok(await card.isVisible(), 'the approved idea is on the board');
	ok(await page.getByText('awaiting moderation').count() === 0 &&
	   await page.getByText('Not yet approved').count() === 0, 'the unapproved idea is not');
	await card.getByRole('button', { name: 'I’d attend this' }).click();
	await page.waitForURL(u => u.hash === '#idea-' + top);
	ok(await card.getByRole('status').textContent() === 'Thank you: your vote is counted.',
	   'the vote is counted and the page says so beside the idea');
	await shot(page, 'ideas-voted');
	await card.getByRole('button', { name: 'I’d attend this' }).click();
	await page.waitForURL(u => u.search.includes('r=already'));
	ok((await card.getByRole('status').textContent()).includes('already counted'),
	   'a second vote from the same browser says it was already counted');
	ok(sql(`SELECT votes FROM idea WHERE id = ${top}`) === '1', 'and is not counted');
	const other = await browser.newContext({ ...phone, javaScriptEnabled: false });
	const op = await other.newPage();
	await op.goto(base + '/ideas');
	await op.locator('#idea-' + top).getByRole('button', { name: 'I’d attend this' }).click();
	await op.waitForURL(u => u.hash === '#idea-' + top);
	ok(sql(`SELECT votes FROM idea WHERE id = ${top}`) === '2', 'another browser’s vote counts');
	ok((await op.locator('#idea-' + top + ' .votes').textContent()).startsWith('2 members'),
	   'the board shows both votes', await op.locator('#idea-' + top + ' .votes').textContent());
	await nojs.close();
	await other.close();

	// axe-core at both widths, public and committee pages
	for (const [name, size] of [['390', phone], ['1280', desktop]]) {
		const ctx = await browser.newContext({ ...size, bypassCSP: true });
		page = await ctx.newPage();
		page.setDefaultTimeout(10000);
		for (const path of ['/ideas', '/ideas?sort=newest&status=scheduled']) {
			await page.goto(base + path);
			await axe(page, `${path} at ${name} px`);
			const w = await page.evaluate(() => document.documentElement.scrollWidth);
			ok(w <= size.viewport.width, `${path} fits ${name} px without scrolling sideways`, w);
		}
		await shot(page, 'ideas-' + name);
		await page.goto(base + '/admin/login');
		await page.getByLabel('Account name').fill('chair');
		await page.getByLabel('Password').fill('chair-password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(base + '/admin');
		await page.goto(base + '/admin/ideas');
		ok(await page.locator('h1').textContent() === 'Topic board', `/admin/ideas opens at ${name} px`);
		await axe(page, `/admin/ideas at ${name} px`);
		await shot(page, 'admin-ideas-' + name);
		await page.goto(base + '/admin/ideas/' + top);
		await axe(page, `an idea's moderation page at ${name} px`);
		await shot(page, 'admin-idea-' + name);
		await ctx.close();
	}
} catch (e) {
	ok(false, 'the browser run finished', e.stack);
} finally {
	await browser.close();
}
done();
