// The walking skeleton in a real browser: the default topology loads, a component can be
// dragged and its links follow, the users control changes the load, and nothing errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedRps, openPage, screenshot, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/some/sub/path/');

async function centreOf(page, selector) {
  const box = await page.locator(selector).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function setUsers(page, text) {
  const input = page.getByTestId('users-input');
  await input.fill(text);
  await input.press('Enter');
}

test('the default topology loads', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const ids = await page.locator('.node').evaluateAll((nodes) => nodes.map((n) => n.dataset.id));
  assert.deepEqual(ids, ['users', 'lb', 'app-1', 'app-2', 'db']);
  assert.equal(await page.locator('.link').count(), 5);
  assert.equal(await page.locator(".node[data-saturated='true']").count(), 0);
  assert.match(await derivedRps(page), /^1K users → 2\.56 req\/s at peak$/);
  await screenshot(page, 'default-topology');
  assert.deepEqual(errors, []);
  await page.close();
});

test('dragging a component moves it and its links follow', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const node = ".node[data-id='app-1']";
  const link = ".link[data-from='lb'][data-to='app-1']";
  const before = await centreOf(page, node);
  const linkBefore = await page.locator(link).evaluate((l) => [l.getAttribute('x2'), l.getAttribute('y2')]);
  await page.mouse.move(before.x, before.y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step += 1) {
    await page.mouse.move(before.x + 12 * step, before.y + 8 * step);
  }
  await page.mouse.up();
  const after = await centreOf(page, node);
  assert.ok(Math.abs(after.x - before.x - 120) < 2, `moved to ${JSON.stringify(after)} from ${JSON.stringify(before)}`);
  assert.ok(Math.abs(after.y - before.y - 80) < 2, `moved to ${JSON.stringify(after)} from ${JSON.stringify(before)}`);
  const linkAfter = await page.locator(link).evaluate((l) => [l.getAttribute('x2'), l.getAttribute('y2')]);
  assert.notDeepEqual(linkAfter, linkBefore, 'the link into app-1 did not follow it');
  const outgoing = await page.locator(".link[data-from='app-1']").evaluate((l) => [Number(l.getAttribute('x1')), Number(l.getAttribute('y1'))]);
  // The page opens fitted to the design, so 120 x 80 screen pixels are that over the zoom in world units.
  const zoom = Number(await page.getByTestId('canvas').getAttribute('data-zoom'));
  assert.ok(Math.abs(outgoing[0] - (560 + 120 / zoom)) < 1 && Math.abs(outgoing[1] - (130 + 80 / zoom)) < 1,
    `the link out of app-1 starts at its new centre: ${outgoing} at zoom ${zoom}`);
  // The whole drag is one undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  const undone = await centreOf(page, node);
  assert.ok(Math.abs(undone.x - before.x) < 1 && Math.abs(undone.y - before.y) < 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a million users saturate a component; a thousand saturate none', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await setUsers(page, '1M');
  await page.waitForSelector(".node[data-saturated='true']");
  const saturated = await page.locator(".node[data-saturated='true']").evaluateAll((nodes) => nodes.map((n) => n.dataset.id));
  assert.deepEqual(saturated.sort(), ['app-1', 'app-2']);
  assert.match(await page.locator(".node[data-id='app-1'] .badge").textContent(), /SATURATED · CPU/);
  assert.match(await derivedRps(page), /^1M users → 2\.56K req\/s at peak$/);
  await screenshot(page, 'one-million-users');
  await setUsers(page, '1K');
  await page.waitForFunction(() => document.querySelectorAll(".node[data-saturated='true']").length === 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the log-scale slider drives the load too', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const slider = page.getByTestId('users-slider');
  await slider.fill('7'); // 10^7 users
  await page.waitForSelector(".node[data-saturated='true']");
  assert.match(await derivedRps(page), /^10M users → /);
  await slider.fill('3');
  await page.waitForFunction(() => document.querySelectorAll(".node[data-saturated='true']").length === 0);
  assert.deepEqual(errors, []);
  await page.close();
});
