// The live run in the browser: the design runs through simulated time in the worker and
// plays back at the chosen speed; the canvas and the headline cards follow the time
// shown, charts draw the time series as far as played, and play, pause, step and reset
// move the clock.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MOD, openPage, root, screenshot, withSiteAndBrowser } from './support.mjs';

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

/** The autosaved design's traffic, once `holds` is true of it (polled: the page's
 * Content-Security-Policy forbids evaluating a predicate sent as text). */
async function savedTraffic(page, holds, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const traffic = await page.evaluate(() => JSON.parse(localStorage.getItem('scalelab.autosave') ?? '{}').traffic);
    if (traffic && holds(traffic)) return traffic;
    if (Date.now() > deadline) throw new Error(`the saved traffic never held: ${JSON.stringify(traffic)}`);
    await page.waitForTimeout(50);
  }
}

test('the traffic over a run is shaped in the live panel, checked field by field, undone, and read from and written to k6 stages', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.getByTestId('live-button').click();
  await page.getByTestId('series-users').waitFor();
  const usersLine = () => page.getByTestId('series-users').locator('path.series').first().getAttribute('d');
  const flat = await usersLine();

  // A spike: its fields appear with values that show it within the run's length (an
  // hour), and the run is computed again with it.
  await page.getByTestId('shape-kind').selectOption('spike');
  let traffic = await savedTraffic(page, (t) => t.shape?.type === 'spike');
  assert.deepEqual(traffic.shape, { type: 'spike', at_s: 1200, duration_s: 600, factor: 5 });
  assert.equal(await page.getByTestId('shape-at').inputValue(), '20m');
  await page.waitForFunction((before) => document.querySelector("[data-testid='series-users'] path.series")?.getAttribute('d') !== before, flat);
  // Times are typed as k6 durations.
  await page.getByTestId('shape-at').fill('2m30s');
  await page.getByTestId('shape-at').press('Enter');
  traffic = await savedTraffic(page, (t) => t.shape.at_s === 150);
  assert.equal(await page.getByTestId('shape-at').inputValue(), '2m30s');

  // What is not understood, or out of range, is named and changes nothing; what was
  // typed stays to be corrected.
  const factor = page.getByTestId('shape-factor');
  await factor.fill('lots');
  await factor.press('Enter');
  assert.equal(await page.getByTestId('shape-error').textContent(), 'Factor (x users): "lots" is not a number');
  await factor.fill('5000');
  await factor.press('Enter');
  await page.waitForFunction(() => document.querySelector("[data-testid='shape-error']")?.textContent.includes('5000'));
  assert.equal(await page.getByTestId('shape-error').textContent(),
    'Traffic shape: spike factor is 5000; it must be between 0 and 1000');
  assert.equal(await factor.inputValue(), '5000');
  traffic = await savedTraffic(page, () => true);
  assert.equal(traffic.shape.factor, 5);
  await factor.fill('8');
  await factor.press('Enter');
  await savedTraffic(page, (t) => t.shape.factor === 8);
  assert.equal(await page.getByTestId('shape-error').count(), 0);

  // The daily curve, and undo of the last change.
  await page.getByTestId('daily-curve').check();
  await savedTraffic(page, (t) => t.daily_curve === true);
  // Undo is the editor's: out of the field (where Ctrl+Z is the field's own undo).
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press(`${MOD}+z`);
  traffic = await savedTraffic(page, (t) => !t.daily_curve);
  assert.equal(traffic.shape.factor, 8);

  // Only a stage table goes out as k6 stages.
  await page.locator('.traffic-shape summary').click();
  await page.getByTestId('k6-export').click();
  assert.match(await page.getByTestId('shape-error').textContent(), /^k6 export: only a stage table/);

  // A stage table: rows added and removed.
  await page.getByTestId('shape-kind').selectOption('stages');
  traffic = await savedTraffic(page, (t) => t.shape?.type === 'stages');
  assert.equal(traffic.shape.stages.length, 3);
  await page.getByTestId('add-stage').click();
  await savedTraffic(page, (t) => t.shape.stages.length === 4);
  await page.getByRole('button', { name: 'Remove stage 1' }).click();
  traffic = await savedTraffic(page, (t) => t.shape.stages.length === 3);
  assert.deepEqual(traffic.shape.stages.map((s) => s.duration_s), [1800, 600, 60]);
  await page.getByTestId('shape-t0').fill('250K');
  await page.getByTestId('shape-t0').press('Enter');
  await savedTraffic(page, (t) => t.shape.stages[0].target_users === 250000);

  // k6 stages in: targets are requests/s (an open model here), converted to users at
  // the design's rate per user, and the note says so. Out: back to requests/s.
  const k6 = page.getByTestId('k6-text');
  await k6.fill('{"stages": [{"duration": "30s", "target": 10}, {"duration": "1m30s", "target": 50}]}');
  await page.getByTestId('k6-import').click();
  traffic = await savedTraffic(page, (t) => t.shape.stages.length === 2);
  assert.deepEqual(traffic.shape.stages.map((s) => s.duration_s), [30, 90]);
  // The default design makes 2.5579e-3 requests/s per user at its peak.
  assert.ok(Math.abs(traffic.shape.stages[1].target_users * 2.5578704e-3 - 50) < 1e-6, `${traffic.shape.stages[1].target_users} users`);
  assert.match(await page.getByTestId('k6-note').textContent(), /closed model.*open model/);
  await k6.fill('');
  await page.getByTestId('k6-export').click();
  const exported = JSON.parse(await k6.inputValue());
  assert.equal(await page.getByTestId('k6-note').textContent(),
    "Each target is requests/s: this design's users make 2.56 requests/s per 1,000 at the peak.");
  assert.deepEqual(exported, { stages: [{ duration: '30s', target: 10 }, { duration: '1m30s', target: 50 }] });
  await k6.fill('[{"duration": "soon", "target": 10}]');
  await page.getByTestId('k6-import').click();
  assert.equal(await page.getByTestId('shape-error').textContent(),
    'k6 import: stage 1: duration: "soon" is not a duration such as "1m30s"');
  await savedTraffic(page, (t) => t.shape.stages.length === 2);
  await screenshot(page, 'live-run-stages');
  assert.deepEqual(errors, []);
  await page.close();
});

test('objectives written as k6 thresholds are kept with the design and judged passed or failed', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const field = page.getByRole('textbox', { name: 'Objectives (k6 thresholds)' });
  await field.fill('p(99)<200, errors<0.1%');
  await field.press('Enter');
  const objectives = page.getByTestId('objective');
  await page.waitForFunction(() => document.querySelectorAll("[data-testid='objective'][data-verdict='passed']").length === 2);
  assert.match(await objectives.first().textContent(), /^✓ p\(99\)<200 \d+ ms · passed$/);
  assert.match(await objectives.nth(1).textContent(), /^✓ errors<0\.1% 0\.00 % · passed$/);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('scalelab.autosave')).scenario.thresholds);
  assert.deepEqual(saved, ['p(99)<200', 'errors<0.1%']);

  // A tighter objective fails, and says so in words as well as colour.
  await field.fill('p(99)<50');
  await field.press('Enter');
  await page.waitForFunction(() => document.querySelector("[data-testid='objective']")?.dataset.verdict === 'failed');
  assert.match(await objectives.first().textContent(), /^✗ p\(99\)<50 \d+ ms · failed$/);

  // What the engine does not measure is named, and changes nothing.
  await field.fill('p(98)<1');
  await field.press('Enter');
  assert.match(await page.getByRole('alert').filter({ hasText: 'p(98)' }).textContent(), /the engine reports p\(50\), p\(95\) and p\(99\)/);
  assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('scalelab.autosave')).scenario.thresholds), ['p(99)<50']);

  // What was typed stays to be corrected, even as the page changes around it.

  // The live run's latency chart draws the objective.
  await page.getByTestId('live-button').click();
  await page.getByTestId('series-latency').locator('line.threshold').waitFor({ state: 'attached' });
  assert.equal(await field.inputValue(), 'p(98)<1');
  await screenshot(page, 'objectives');
  assert.deepEqual(errors, []);
  await page.close();
});

test("a selected component shows its own figures, how each was computed, and its charts over the run", async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.getByTestId('import-file').setInputFiles({ name: 'spike.json', mimeType: 'application/json', buffer: await spikyDesign() });
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 3);
  await page.locator(".node[data-id='app']").click();
  const figures = page.getByTestId('figures');
  await figures.waitFor();
  const figure = (name) => figures.locator(`[data-testid='figure'][data-name='${name}']`);
  // The single server: one instance of 2 cores at 50 ms is 40 req/s (the example's
  // parameters), judged by Erlang C with its inputs named, and exact for M/M/c.
  const capacity = await figure('Capacity').textContent();
  assert.match(capacity, /Capacity\d[\d.]*K? req\/s exact\d+ instances? × \d+ servers? ÷ [\d.]+ ms per request/);
  const waiting = figure('Waiting');
  assert.ok(['Erlang C', 'M/G/1', 'M/M/c/K', 'saturated'].includes((await waiting.locator('b').textContent()).trim()));
  assert.match(await waiting.locator('small').textContent(), /ρ = [\d.]+ %|places to wait|queue/);
  assert.equal(await figure('Time here (p50 / p99)').getAttribute('data-quality'), 'approximate');
  // The figure is the one the canvas badge shows for the component.
  const offered = (await figure('Offered').locator('b').textContent()).trim();
  assert.match(await page.locator(".node[data-id='app']").textContent(), new RegExp(offered.replace(' req/s', '').replace('.', '\\.')));

  // A change of a parameter changes the explanation with it.
  const field = page.getByRole('textbox', { name: /^Instances/ });
  await field.fill('4');
  await field.press('Enter');
  await page.waitForFunction(() =>
    document.querySelector("[data-testid='figure'][data-name='Capacity'] small")?.textContent.startsWith('4 instances'));

  // Its charts over the live run follow the clock like the panel's.
  await page.getByTestId('live-button').click();
  const own = page.getByTestId('own-charts');
  for (const key of ['component-rps', 'component-utilisation', 'component-queue']) {
    await own.getByTestId(`series-${key}`).waitFor();
  }
  await page.getByTestId('run-speed').selectOption('600');
  await page.getByTestId('run-play').click();
  await page.waitForFunction(() => Number(document.querySelector("[data-testid='run-clock']").dataset.position) > 700);
  await page.getByTestId('run-play').click();
  const edge = (await page.locator('.live-charts .curtain').first().getAttribute('style')).match(/left: ([\d.]+)%/)[1];
  assert.equal(await own.getAttribute('style'), `--played: ${edge}%`, 'the curtain stands where the panel\'s does');
  const [curtainLeft, chartWidth] = await own.locator('.live-chart').first().evaluate((chart) =>
    [chart.querySelector('.curtain').getBoundingClientRect().left - chart.getBoundingClientRect().left, chart.getBoundingClientRect().width]);
  assert.ok(Math.abs(curtainLeft / chartWidth - Number(edge) / 100) < 0.01, `curtain at ${curtainLeft} of ${chartWidth} px, not ${edge} %`);
  const drawn = await own.getByTestId('series-component-rps').locator('path.series.offered').first().getAttribute('d');
  assert.equal((drawn.match(/[ML]/g) ?? []).length, 1800, 'the whole run is drawn once; the curtain hides the rest');
  await figures.scrollIntoViewIfNeeded();
  await screenshot(page, 'component-figures');
  await own.scrollIntoViewIfNeeded();
  await screenshot(page, 'component-charts');

  // Selecting nothing shows the design again, without the figures.
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: 'Design' }).waitFor();
  assert.equal(await page.getByTestId('figures').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
