// The generated 100-component design the sweep's and the live run's benchmarks open,
// and a page with it loaded as the saved work.
import { readFile } from 'node:fs/promises';

/** tests/bench/layered-100.json, parsed (a fresh copy each call, to change as needed). */
export async function layered100() {
  return JSON.parse(await readFile(new URL('./layered-100.json', import.meta.url), 'utf8'));
}

/** A 1280x720 page of the site at `url` that opens `doc` as its autosave, once its 100 components show. */
export async function pageWith(browser, url, doc) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript((text) => localStorage.setItem('scalelab.autosave', text), JSON.stringify(doc));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 100);
  return page;
}
