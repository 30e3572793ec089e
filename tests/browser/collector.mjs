// collector.mjs - the respondent's flow in a real browser (Debian's
// Chromium through playwright-core) at a phone viewport, with axe-core on
// every public page, the error state and the closed-event page included.
// With DEFAULTS_URL set (a server at default settings with the forms of
// tests/fixtures/forms-respond), also a too-fast send and its confirming
// click, and a chain of show_if conditions with JavaScript on.
// Prints TAP. Usage: node collector.mjs BASE_URL DATABASE [SHOTS_DIR]
import { join } from 'node:path';
import { ok, done, axe, launch, sql as sqlOn } from './lib.mjs';

const [base, db, shots] = process.argv.slice(2);
const sql = q => sqlOn(db, q);

async function shot(page, name) {
	if (shots) await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
}

/*
 * attended -> wants_reply -> email with show-if.js, then a send sooner
 * than a person fills a form in: one confirming click stores it, with
 * nothing of the hidden questions.
 */
async function respondents(browser, phone, url) {
	const ctx = await browser.newContext({ ...phone, bypassCSP: true });
	const page = await ctx.newPage();
	page.setDefaultTimeout(5000);
	await page.goto(url + '/f/session-feedback/chain');
	ok(await page.locator('#q-wants_reply').isHidden() &&
	   await page.locator('#q-email').isHidden(), 'the chain starts hidden');
	await page.locator('#f-attended').check();
	await page.locator('#f-wants_reply').check();
	ok(await page.locator('#q-email').isVisible(), 'Yes, then Yes: the email question shows');
	await page.locator('#f-attended-no').check();
	ok(await page.locator('#q-wants_reply').isHidden() &&
	   await page.locator('#q-email').isHidden(),
	   'changing the first answer to No hides both questions after it');
	await page.getByLabel('What did you like?').fill('The quiz');
	const before = sql('SELECT count(*) FROM response');
	let post = page.waitForResponse(r => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	let res = await post;
	await page.waitForLoadState();
	ok(res.status() === 200 &&
	   (await page.locator('.notice').textContent()).includes('press “Send my answers” once more'),
	   'a send within 3 seconds asks for one confirming click', res.status());
	ok(await page.getByLabel('What did you like?').inputValue() === 'The quiz' &&
	   await page.locator('#f-attended-no').isChecked(), 'the answers are all still there');
	ok(sql('SELECT count(*) FROM response') === before, 'nothing is stored before the click');
	await axe(page, 'the too-fast confirmation');
	post = page.waitForResponse(r => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	res = await post;
	await page.waitForURL('**/thanks');
	ok(res.status() === 303, 'the confirming click stores the answers', res.status());
	const stored = sql(`SELECT group_concat(key || '=' || coalesce(code, num, text), ' ')
		FROM answer WHERE response = (SELECT max(id) FROM response)`);
	ok(stored === 'attended=no liked=The quiz', 'hidden questions are not stored', stored);
	await ctx.close();
}

const browser = await launch();
try {
	const phone = { viewport: { width: 390, height: 844 }, isMobile: true,
			hasTouch: true, deviceScaleFactor: 2 };
	// axe is injected as a script: this context lets it past the CSP
	const ctx = await browser.newContext({ ...phone, bypassCSP: true });
	const page = await ctx.newPage();
	page.setDefaultTimeout(5000);

	let res = await page.goto(base + '/');
	ok(res.status() === 200, 'home page opens');
	ok(await page.locator('a[href="/f/event-feedback/open-now"]').count() === 1,
	   'home page lists the open event');
	await shot(page, 'home');
	await axe(page, 'the home page');

	const ef = base + '/f/event-feedback/open-now';
	res = await page.goto(ef);
	ok(res.status() === 200, 'event feedback form opens');
	ok(await page.title() === 'How was the event? – Copyright basics – ILL SIG',
	   'the title names the form and the event', await page.title());
	await shot(page, 'form');
	await axe(page, 'the event feedback form');

	// show_if: the email question appears once "Yes" is chosen
	ok(await page.locator('#q-email').isHidden(), 'email is hidden until asked for');
	await page.getByLabel('Yes', { exact: true }).check();
	ok(await page.locator('#q-email').isVisible(), 'choosing Yes reveals the email question');

	// fill in with two mistakes: no overall rating, a bad email
	await page.locator('label[for="f-relevant-a"]').click();
	await page.locator('#f-recommend-8').check();
	await page.getByLabel('Live webinar').check();
	await page.getByLabel('ILL systems and automation').check();
	await page.getByLabel('What could we do better?').fill('More time for questions & <answers>');
	await page.getByLabel('Your email address').fill('ada.example.org');
	let post = page.waitForResponse(r => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	res = await post;
	await page.waitForLoadState();
	ok(res.status() === 422, 'a submission with mistakes is answered 422', res.status());
	const summary = page.locator('.error-summary[role="alert"]');
	ok(await summary.isVisible(), 'the error summary is shown');
	const links = await summary.locator('a').allTextContents();
	ok(links.length === 2 &&
	   links[0] === 'Overall, how useful was this event for your work? – select an answer' &&
	   links[1] === 'Your email address – enter an email address in the right format, like name@example.org',
	   'the summary lists both mistakes, each naming its question', links.join('; '));
	ok(await page.locator('#e-overall').textContent() === 'Error: Select an answer',
	   'beside the field, under its label, the message is short',
	   await page.locator('#e-overall').textContent());
	ok(await page.locator('#f-relevant-a').isChecked() &&
	   await page.locator('#f-recommend-8').isChecked() &&
	   await page.getByLabel('Live webinar').isChecked() &&
	   await page.getByLabel('ILL systems and automation').isChecked() &&
	   await page.getByLabel('What could we do better?').inputValue() === 'More time for questions & <answers>' &&
	   await page.getByLabel('Your email address').inputValue() === 'ada.example.org',
	   'every answer given is still there');
	ok(await page.locator('#f-overall').getAttribute('aria-invalid') === 'true' &&
	   (await page.locator('#f-email').getAttribute('aria-describedby')).includes('e-email'),
	   'fields with errors are marked invalid and described by their message');
	await shot(page, 'error');
	await axe(page, 'the form with errors');

	await summary.locator('a').first().click();
	ok(await page.evaluate(() => location.hash) === '#f-overall',
	   'the summary link leads to the field');

	// correct and send
	await page.locator('#f-overall-4').check();
	await page.getByLabel('Your email address').fill('ada@example.org');
	post = page.waitForResponse(r => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Send my answers' }).click();
	res = await post;
	await page.waitForURL('**/thanks');
	ok(res.status() === 303, 'the corrected form is accepted (303)', res.status());
	ok(await page.locator('.panel h1').textContent() === 'Your answers have been sent' &&
	   (await page.locator('.panel + .lead').textContent()).startsWith('Thank you! The committee'),
	   'the thank-you page says the answers were sent, then the form\'s thanks',
	   await page.locator('main').innerText());
	await shot(page, 'thanks');
	await axe(page, 'the thank-you page');
	const stored = sql(`SELECT group_concat(key || '=' || coalesce(code, num, text), ' ')
		FROM answer WHERE response = (SELECT max(id) FROM response)`);
	ok(stored === 'overall=4.0 relevant=a recommend=8.0 format=webinar next_topics=systems ' +
	   'improve=More time for questions & <answers> wants_reply=yes email=ada@example.org',
	   'the response is in the database as given', stored);

	// going back and sending again stores nothing new
	await page.goBack();
	const count = sql('SELECT count(*) FROM response');
	await page.reload().catch(() => {});
	ok(sql('SELECT count(*) FROM response') === count, 'reloading does not store again');

	// the other public pages
	for (const [path, status, what] of [
		['/f/event-feedback/closed', 410, 'the closed-event page'],
		['/f/event-feedback', 404, 'the which-event page'],
		['/f/no-such-form', 404, 'the not-found page'],
		['/f/training-ideas', 200, 'the training ideas form'],
		['/f/member-survey', 200, 'the member survey, page 1'],
	]) {
		res = await page.goto(base + path);
		ok(res.status() === status, `${what} answers ${status}`, res.status());
		await axe(page, what);
	}
	await shot(page, 'survey-1');
	await page.getByLabel('Public').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.waitForLoadState();
	ok((await page.locator('.progress').textContent()) === 'Page 2 of 2', 'Continue shows page 2 of 2');
	await shot(page, 'survey-2');
	await axe(page, 'the member survey, page 2');
	await page.getByRole('button', { name: 'Back' }).click();
	await page.waitForLoadState();
	ok(await page.getByLabel('Public').isChecked(), 'Back returns to page 1 with the answer kept');

	// nothing wider than a phone: long words and addresses wrap
	for (const path of ['/', '/f/event-feedback/long-words', '/f/event-feedback/closed',
			    '/f/event-feedback/open-now/thanks', '/f/member-survey']) {
		await page.goto(base + path);
		const w = await page.evaluate(() => document.documentElement.scrollWidth);
		ok(w <= 390, `${path} fits a 390px phone without scrolling sideways`, w);
	}

	// no CSP violations and no console errors with the real policy
	const strict = await browser.newContext(phone);
	const sp = await strict.newPage();
	const errors = [];
	sp.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
	sp.on('pageerror', e => errors.push(String(e)));
	for (const path of ['/', '/f/event-feedback/open-now', '/f/member-survey', '/f/training-ideas/thanks'])
		await sp.goto(base + path);
	await sp.goto(base + '/f/event-feedback/open-now');
	await sp.getByLabel('Yes', { exact: true }).check();
	ok(await sp.locator('#q-email').isVisible(), 'show-if.js runs under the real CSP');
	ok(errors.length === 0, 'no console errors or CSP violations on the public pages', errors.join('\n'));

	if (process.env.DEFAULTS_URL)
		await respondents(browser, phone, process.env.DEFAULTS_URL);

	// desktop
	const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
	const dp = await desk.newPage();
	await dp.goto(ef);
	await shot(dp, 'form-desktop');
	await axe(dp, 'the form at desktop width');
} catch (e) {
	ok(false, 'the browser run finished', e.stack || e);
} finally {
	await browser.close();
}
done();
