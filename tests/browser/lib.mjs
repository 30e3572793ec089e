// lib.mjs - what the browser tests share: a TAP counter, Debian's
// Chromium launched headless as root, axe-core run inside the page, and
// sqlite3 for reading the database back.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const top = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const axePath = join(top, 'node_modules', 'axe-core', 'axe.min.js');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let n = 0, failed = 0;

// One TAP line; diag is printed as comments when cond is false.
export function ok(cond, what, diag) {
	n++;
	if (cond) {
		console.log(`ok ${n} - ${what}`);
	} else {
		failed++;
		console.log(`not ok ${n} - ${what}`);
		if (diag) console.log(String(diag).split('\n').map(l => '#   ' + l).join('\n'));
	}
}

// Prints the plan and exits 1 when any test failed.
export function done() {
	console.log(`1..${n}`);
	process.exit(failed ? 1 : 0);
}

export const sql = (db, q) =>
	execFileSync('sqlite3', ['-batch', '-noheader', db, q]).toString().trim();

// Runs axe-core on the page: zero WCAG 2.1 A/AA violations is one test.
export async function axe(page, what) {
	await page.addScriptTag({ path: axePath });
	const r = await page.evaluate(t => window.axe.run(document, {
		runOnly: { type: 'tag', values: t } }), tags);
	ok(r.violations.length === 0, `axe: no WCAG 2.1 A/AA violations on ${what}`,
	   r.violations.map(v => `${v.id}: ${v.help}\n  ${v.nodes.map(x => x.target.join(' ')).join('\n  ')}`).join('\n'));
}

// launch() gives every run a fresh temporary profile (user-data-dir).
export function launch() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
		       '--disable-background-networking', '--disable-component-update',
		       '--disable-sync', '--disable-quic'],
	});
}
