// The live run in the browser: the design runs through simulated time in the worker and
// plays back at the chosen speed; the canvas and the headline cards follow the time
// shown, charts draw the time series as far as played, and play, pause, step and reset
// move the clock.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, root, screenshot, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/live/');

/** The stage 1 example at 20K users, with a five-fold spike from 10 to 20 minutes. */
async function spikyDesign() {
  const doc = JSON.parse(await readFile(join(root, 'public', 'examples', 'stage-1-single-server.json'), 'utf8'));
  doc.traffic = { ...doc.traffic, users: 20000, shape: { type: 'spike', at_s: 600, duration_s: 600, factor: 5 } };
  return Buffer.from(JSON.stringify(doc));
}

const position = async (page) => Number(await page.getByTestId('run-clock').getAttribute('data-position'));

test('a run plays back on the canvas and in the charts, and the controls move its clock', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.getByTestId('import-file').setInputFiles({ name: 'spike.json', mimeType: 'application/json', buffer: await spikyDesign() });
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 3);
  const steadyRps = (await page.getByTestId('card-rps').locator('.card-value').textContent()).trim();
  await page.getByTestId('live-button').click();
  const play = page.getByTestId('run-play');
  await page.waitForSelector("[data-testid='run-play']:not([disabled])");
  for (const key of ['rps', 'latency', 'users', 'utilisation', 'queue']) {
    await page.getByTestId(`series-${key}`).waitFor();
  }
  assert.equal(await position(page), 0);

  // Step moves one second of simulated time; reset goes back to the start.
  await page.getByTestId('run-step').click();
  await page.waitForFunction(() => document.querySelector("[data-testid='run-clock']").dataset.position === '1');
  await page.getByTestId('run-reset').click();
  await page.waitForFunction(() => document.querySelector("[data-testid='run-clock']").dataset.position === '0');

  // Play at 600x until the spike is on, then pause there.
  await page.getByTestId('run-speed').selectOption('600');
  await play.click();
  assert.equal((await play.textContent()).trim(), 'Pause');
  await page.waitForFunction(() => Number(document.querySelector("[data-testid='run-clock']").dataset.position) > 660);
  await play.click();
  const paused = await position(page);
  assert.ok(paused > 660 && paused < 1200, `paused within the spike: ${paused}`);
  await page.waitForTimeout(300);
  assert.equal(await position(page), paused, 'the clock stands still while paused');
  assert.match(await page.getByTestId('headline').getAttribute('aria-label'), /into the run$/);
  const spikeRps = (await page.getByTestId('card-rps').locator('.card-value').textContent()).trim();
  assert.notEqual(spikeRps, steadyRps, 'the cards follow the run');
  // The single server is saturated during the spike, and says so on the canvas.
  await page.waitForFunction(() => document.querySelector(".node[data-id='app']")?.getAttribute('aria-label')?.includes('saturated'));
  // The charts hold the whole run (an hour of one-second steps keeps a sample every two
  // seconds: 1,800), and what is not yet played hides behind a curtain at the time shown.
  const drawn = await page.getByTestId('series-rps').locator('path.series.offered').first().getAttribute('d');
  assert.equal((drawn.match(/[ML]/g) ?? []).length, 1800);
  const played = Number(await page.locator('.live-charts').getAttribute('data-played'));
  assert.ok(Math.abs(played - paused / 3600) < 1e-3, `the curtain at ${played} of the run, paused at ${paused} s`);
  // Pointing at a chart reads out its figures there.
  const chart = page.getByTestId('series-latency');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  await chart.hover({ position: { x: box.width * 0.4, y: box.height * 0.5 } });
  await page.waitForFunction(() => document.querySelector("[data-testid='run-readout']").textContent.startsWith('At '));
  assert.match(await page.getByTestId('run-readout').textContent(), /users · offered [\d.]+K?\/s, served .* p99 .* busiest: /);
  await screenshot(page, 'live-run-spike');

  // Played to the end, the run stops there, and the spike is over.
  await page.getByTestId('run-speed').selectOption('3600');
  await play.click();
  await page.waitForFunction(() => document.querySelector("[data-testid='run-clock']").dataset.position === '3600', null, { timeout: 15000 });
  assert.equal((await play.textContent()).trim(), 'Play');
  await page.waitForFunction(() => !document.querySelector(".node[data-id='app']")?.getAttribute('aria-label')?.includes('saturated'));
  assert.deepEqual(errors, []);
  await page.close();
});
