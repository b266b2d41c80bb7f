// The engine off the main thread: the page evaluates designs in a Web Worker running the
// app's own wasm; a worker that dies is replaced, and the design and its autosave never
// depend on it (a crash of the worker or a reload while it works loses nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedRps, openPage, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/sub/');

async function setUsers(page, text) {
  const input = page.getByTestId('users-input');
  await input.fill(text);
  await input.press('Enter');
}

const saturated = (page) => page.locator(".node[data-saturated='true']");
const autosavedUsers = (page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('scalelab.autosave')).traffic.users);

async function engineWorker(page) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const worker = page.workers().find((w) => w.url().endsWith('/engine-worker.js'));
    if (worker) return worker;
    if (Date.now() > deadline) throw new Error(`no engine worker among ${page.workers().map((w) => w.url())}`);
    await page.waitForTimeout(50);
  }
}

test('the engine runs in a worker on the same wasm, and its answers reach the canvas', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const worker = await engineWorker(page);
  assert.ok(worker.url().startsWith(`${site.server.url}`), `the worker is served beside the page: ${worker.url()}`);
  assert.equal(await saturated(page).count(), 0);
  // Count the requests the worker receives.
  await worker.evaluate(() => {
    const handle = self.onmessage;
    self.requests = 0;
    self.onmessage = (event) => { self.requests += 1; handle(event); };
  });
  // The headline cards show the answer, as k6 and Grafana users expect them.
  const card = (key) => page.getByTestId(`card-${key}`).locator('.card-value');
  await page.waitForFunction(() => document.querySelector("[data-testid='card-rps'] .card-value").textContent !== '–');
  assert.equal(await card('rps').textContent(), '2.56');
  assert.equal(await card('errors').textContent(), '0.00 %');
  for (const key of ['p50', 'p95', 'p99']) assert.match(await card(key).textContent(), /^\d+(\.\d)? ms$/);
  const [p50, p95, p99] = await Promise.all(['p50', 'p95', 'p99'].map(async (k) => parseFloat(await card(k).textContent())));
  assert.ok(p50 <= p95 && p95 <= p99, `percentiles in order: ${p50} ${p95} ${p99}`);
  assert.match(await card('cost').textContent(), /^\$\d/);
  await setUsers(page, '50M');
  await saturated(page).first().waitFor();
  assert.ok((await saturated(page).count()) > 0);
  await page.waitForFunction(() => document.querySelector("[data-testid='card-rps'] .card-value").textContent === '128K');
  assert.notEqual(await card('errors').textContent(), '0.00 %', 'a saturated design fails requests');
  // The worker answered from the page's own wasm: the one wasm file of the site.
  const wasmOf = (scope) => scope.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')));
  const pageWasm = await wasmOf(page);
  assert.equal(pageWasm.length, 1);
  assert.deepEqual(await wasmOf(worker), pageWasm);
  await setUsers(page, '1K');
  await page.waitForFunction(() => document.querySelectorAll(".node[data-saturated='true']").length === 0);
  assert.equal(await worker.evaluate(() => self.requests), 2, 'each change the engine sees went to the worker');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a worker that crashes is replaced, and nothing of the design is lost', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const first = await engineWorker(page);
  await setUsers(page, '2M');
  // An uncaught error in the worker: the page sees it as the worker failing.
  await first.evaluate(() => setTimeout(() => { throw new Error('simulated engine crash'); }));
  await page.getByTestId('storage-error').filter({ hasText: 'engine stopped unexpectedly and was restarted' }).waitFor();
  // The edit made before the crash is in the autosave; edits after it are evaluated by
  // the new worker.
  assert.equal(await autosavedUsers(page), 2e6);
  await setUsers(page, '50M');
  await saturated(page).first().waitFor();
  assert.equal(await autosavedUsers(page), 5e7);
  // Playwright learns of workers starting and ending by events that may lag the page.
  const engineWorkers = () => page.workers().filter((w) => w.url().endsWith('/engine-worker.js'));
  for (let i = 0; i < 100 && !(engineWorkers().length === 1 && engineWorkers()[0] !== first); i += 1) {
    await page.waitForTimeout(50);
  }
  const workers = engineWorkers();
  assert.equal(workers.length, 1, 'the crashed worker is gone and one new worker runs');
  assert.notEqual(workers[0], first);
  await page.reload();
  await page.waitForSelector('.node');
  assert.equal(await page.getByTestId('users-input').inputValue(), '50M');
  await saturated(page).first().waitFor();
  assert.deepEqual(errors.filter((e) => !e.includes('simulated engine crash')), []);
  await page.close();
});

test('a reload while the engine works keeps the latest change', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await engineWorker(page);
  await setUsers(page, '7M');
  // No wait for the engine's answer: the page goes away while the worker evaluates.
  await page.reload();
  await page.waitForSelector('.node');
  assert.equal(await page.getByTestId('users-input').inputValue(), '7M');
  assert.equal(await autosavedUsers(page), 7e6);
  assert.deepEqual(errors, []);
  await page.close();
});

test('what is being typed in the users box outlives the engine answers that arrive meanwhile', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const input = page.getByTestId('users-input');
  // Typed before the worker's first answer (it loads the wasm first), not yet committed.
  await input.fill('7M');
  await page.waitForFunction(() => document.querySelector("[data-testid='card-rps'] .card-value").textContent !== '–');
  assert.equal(await input.inputValue(), '7M');
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelector("[data-testid='card-rps'] .card-value").textContent !== '2.56');
  assert.equal(await input.inputValue(), '7M');
  assert.match(await derivedRps(page), /^7M users → \d/);
  assert.deepEqual(errors, []);
  await page.close();
});
