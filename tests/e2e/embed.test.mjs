// Embed mode end to end: a read-only embed is fitted, cannot be changed, pauses out of
// view and links to the full app with the same fragment; its parameters (theme, view,
// controls, edit); the demo blog post with two embeds and the postMessage protocol in both
// directions, malformed and foreign messages ignored; embeds never write storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage, screenshot, nodeIds, worldPos, centreOf, drag, root, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/docs/lab/');

async function goldenLink(name) {
  return (await readFile(join(root, 'tests', 'fixtures', 'links', 'v1', `${name}.link`), 'utf8')).trim().slice(1);
}

/** A page at `url` with its console errors recorded (no wait for components). */
async function bare(url, options = {}) {
  const page = await site.browser.newPage(options);
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

const storageKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('scalelab.')));

test('a read-only embed is fitted, cannot be changed, runs when shown and links to the app', async () => {
  const fragment = await goldenLink('stage-2-load-balancer-cache');
  const { page, errors } = await openPage(site.browser, `${site.server.url}?embed=1&autoplay=1#${fragment}`, { viewport: { width: 800, height: 450 } });
  await page.waitForFunction(() => document.querySelector('.app')?.dataset.embedState === 'playing');
  assert.equal(await page.locator('.palette').count(), 0);
  assert.equal(await page.locator('.inspector').count(), 0);
  assert.equal(await page.locator('.minimap').count(), 0);
  // Fitted: every component is inside the canvas.
  const canvas = await page.getByTestId('canvas').boundingBox();
  for (const box of await page.locator('.node').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().toJSON()))) {
    assert.ok(box.left >= canvas.x - 1 && box.right <= canvas.x + canvas.width + 1, JSON.stringify(box));
    assert.ok(box.top >= canvas.y - 1 && box.bottom <= canvas.y + canvas.height + 1, JSON.stringify(box));
  }
  // Evaluated: the components carry their load.
  await page.waitForFunction(() => document.querySelector('.node .metrics')?.textContent.includes('req/s'));
  // A drag pans the view instead of moving the component; Delete changes nothing.
  const id = (await nodeIds(page))[1];
  const before = await worldPos(page, id);
  const from = await centreOf(page, `.node[data-id='${id}']`);
  await drag(page, from, { x: from.x + 60, y: from.y + 40 });
  assert.deepEqual(await worldPos(page, id), before);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  assert.equal(await page.locator(`.node[data-id='${id}']`).count(), 1);
  // Open in scalelab: the app without the query, the same fragment.
  const href = await page.getByTestId('open-in-scalelab').getAttribute('href');
  assert.equal(href, `${site.server.url}#${fragment}`);
  assert.equal(await page.getByTestId('open-in-scalelab').getAttribute('target'), '_blank');
  await screenshot(page, 'embed-read-only');
  assert.deepEqual(await storageKeys(page), [], 'an embed writes nothing to storage');
  assert.deepEqual(errors, []);
  await page.close();
});

test('embed parameters: theme, view=split with the summary, controls=0, and Run without autoplay', async () => {
  const fragment = await goldenLink('stage-1-single-server');
  const url = `${site.server.url}?embed=1&theme=dark&view=split&controls=0#${fragment}`;
  const { page, errors } = await openPage(site.browser, url, { viewport: { width: 900, height: 420 } });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.locator('.embed-bar').count(), 0);
  assert.equal(await page.locator('.embed-corner [data-testid=open-in-scalelab]').count(), 1);
  // Without autoplay nothing runs until asked.
  assert.equal(await page.evaluate(() => document.querySelector('.app').dataset.embedState), 'idle');
  assert.match(await page.getByTestId('summary').textContent(), /Press Run/);
  await page.close();
  const { page: withBar, errors: barErrors } = await bare(`${site.server.url}?embed=1&view=charts#${fragment}`);
  await withBar.getByTestId('run').waitFor();
  assert.equal(await withBar.getByTestId('canvas').count(), 0, 'view=charts shows no canvas');
  await withBar.getByTestId('run').click();
  await withBar.waitForFunction(() => document.querySelector('[data-testid=summary] table'));
  assert.match(await withBar.getByTestId('summary').textContent(), /Requests\/s at peak/);
  await screenshot(withBar, 'embed-charts-view');
  assert.deepEqual(await storageKeys(withBar), []);
  assert.deepEqual([...errors, ...barErrors], []);
  await withBar.close();
});

test('a bad link in an embed says so and stores nothing', async () => {
  const { page, errors } = await bare(`${site.server.url}?embed=1#s1.AAAA`);
  await page.waitForSelector("[data-testid='storage-error']");
  assert.match(await page.getByTestId('storage-error').textContent(), /This share link could not be opened: the link is damaged or cut off/);
  assert.deepEqual(await storageKeys(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the demo post: two embeds, resized by their messages, results shown, a design and a run sent', async () => {
  const page = await site.browser.newPage({ viewport: { width: 1100, height: 800 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${site.server.url}demo-post.html`);
  const readOnly = page.locator('#read-only');
  // ready, then resize: the page sets the frame's height from the embed's message.
  await page.waitForFunction(() => document.getElementById('read-only').dataset.ready === 'true');
  await page.waitForFunction(() => document.getElementById('read-only').style.height !== '');
  // result: the page shows the embed's summary.
  await page.waitForFunction(() => document.getElementById('read-only-result').textContent.startsWith('The embed reports'));
  assert.match(await page.getByTestId('read-only-result').textContent(), /users, [\d,]+ requests\/s at peak/);
  const first = page.frame({ url: /autoplay=1/ });
  assert.equal(await first.evaluate(() => document.querySelector('.app').dataset.embedState), 'playing');
  await screenshot(page, 'demo-post');
  // Scrolled out of view, the read-only embed pauses.
  await page.locator('#editable').scrollIntoViewIfNeeded();
  await first.waitForFunction(() => document.querySelector('.app').dataset.embedState === 'paused');
  const second = await (async () => {
    await page.waitForFunction(() => document.getElementById('editable').dataset.ready === 'true');
    return page.frame({ url: /edit=1/ });
  })();
  // The editable embed: edits stay in memory; nothing is stored.
  const count = await second.locator('.node').count();
  await second.locator(".palette-item[data-kind='Cache']").click();
  assert.equal(await second.locator('.node').count(), count + 1);
  // Host -> embed: load a design, then run it.
  await page.getByRole('button', { name: 'Load the stage-3 design into it' }).click();
  const stage3 = JSON.parse(await readFile(join(root, 'public', 'examples', 'stage-3-cdn-sharding.json'), 'utf8'));
  await second.waitForFunction((n) => document.querySelectorAll('.node').length === n, stage3.components.length);
  await page.getByRole('button', { name: 'Run it' }).click();
  await page.waitForFunction(() => document.getElementById('editable-result').textContent.startsWith('The embed reports'));
  // Its Open in scalelab link carries the loaded design.
  const href = await second.getByTestId('open-in-scalelab').getAttribute('href');
  const app = await site.browser.newPage();
  await app.goto(href);
  await app.waitForFunction((n) => document.querySelectorAll('.node').length === n, stage3.components.length);
  await app.close();
  // Malformed messages, and messages not from the parent, are ignored.
  const ids = await second.evaluate(() => [...document.querySelectorAll('.node')].map((n) => n.dataset.id));
  await page.evaluate(() => {
    const target = document.getElementById('editable').contentWindow;
    for (const message of ['load', 42, null, { type: 'load' }, { type: 'load', document: 5 }, { type: 'nope' }, { type: 'load', document: '{' }]) {
      target.postMessage(message, '*');
    }
  });
  await second.evaluate(() => window.postMessage({ type: 'load', document: { schema_version: 1, components: [{ id: 'users', kind: 'users' }] } }, '*'));
  await page.waitForTimeout(300);
  assert.deepEqual(await second.evaluate(() => [...document.querySelectorAll('.node')].map((n) => n.dataset.id)), ids);
  assert.match(await page.getByTestId('editable-result').textContent(), /The embed says: The page sent a design that cannot be opened/);
  assert.deepEqual(await storageKeys(page), [], 'embeds wrote nothing to storage');
  assert.deepEqual(errors, []);
  await page.close();
});

test('with ?host=, messages from any other origin are ignored', async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.server.url}demo-post.html`);
  const fragment = await goldenLink('starter');
  await page.evaluate(({ guarded, open }) => {
    for (const [id, src] of [['guarded', guarded], ['open', open]]) {
      const frame = document.createElement('iframe');
      frame.id = id;
      frame.src = src;
      document.body.prepend(frame);
    }
  }, { guarded: `./index.html?embed=1&host=https%3A%2F%2Fexample.org#${fragment}`, open: `./index.html?embed=1#${fragment}` });
  const count = (id) => page.evaluate((frame) => document.getElementById(frame).contentDocument?.querySelectorAll('.node').length ?? 0, id);
  await page.waitForFunction(() => ['guarded', 'open'].every((id) => document.getElementById(id).contentDocument?.querySelectorAll('.node').length === 5));
  await page.evaluate(() => {
    const design = { schema_version: 1, name: 'Just users', components: [{ id: 'users', kind: 'users' }] };
    for (const id of ['guarded', 'open']) document.getElementById(id).contentWindow.postMessage({ type: 'load', document: design }, '*');
  });
  // The embed without an allow-list takes the parent's design; the guarded one ignores it.
  await page.waitForFunction(() => document.getElementById('open').contentDocument.querySelectorAll('.node').length === 1);
  assert.equal(await count('guarded'), 5);
  await page.close();
});
