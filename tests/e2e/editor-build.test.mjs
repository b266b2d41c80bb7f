// The editor in a real browser, part 1: the palette, selecting, moving, the keyboard
// commands, connecting, the inspector, and undo/redo of all of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openPage, screenshot, centreOf, drag, worldPos, clientOfWorld, nodeIds, linkIds,
  statusSays, MOD, withSiteAndBrowser,
} from './support.mjs';

const site = withSiteAndBrowser('/');

const at = (page, x, y) => clientOfWorld(page, { x, y });

test('the palette offers every kind, grouped, with icon, name and description', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const groups = await page.locator('.palette-group h2').allTextContents();
  assert.deepEqual(groups, ['Edge', 'Compute', 'Data', 'Messaging', 'Regions']);
  const items = page.locator('.palette-item');
  assert.equal(await items.count(), 17);
  // The descriptions arrive with the parameters' help (params.json, fetched once).
  await page.waitForFunction(() => [...document.querySelectorAll('.palette-description')].every((d) => d.textContent.length > 20));
  for (let i = 0; i < 17; i += 1) {
    const item = items.nth(i);
    assert.equal(await item.locator('svg.icon').count(), 1);
    assert.ok((await item.locator('.palette-name').textContent()).length > 1);
    assert.ok((await item.locator('.palette-description').textContent()).length > 20);
  }
  await screenshot(page, 'editor-palette');
  assert.deepEqual(errors, []);
  await page.close();
});

test('dragging from the palette creates the component where it is dropped; a click adds one in view', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const drop = await at(page, 300, 420);
  await drag(page, await centreOf(page, ".palette-item[data-kind='Cache']"), drop, { steps: 12 });
  await page.waitForSelector(".node[data-id='cache-1']");
  const placed = await centreOf(page, ".node[data-id='cache-1'] .body");
  assert.ok(Math.abs(placed.x - drop.x) < 2 && Math.abs(placed.y - drop.y) < 2, `${JSON.stringify(placed)} vs ${JSON.stringify(drop)}`);
  await page.locator(".palette-item[data-kind='Database']").click();
  await page.waitForSelector(".node[data-id='database-1']");
  assert.match(await statusSays(page, 'Added'), /Added Database/);
  // Undo removes them again, one step each.
  await page.keyboard.press(`${MOD}+z`);
  await page.keyboard.press(`${MOD}+z`);
  assert.deepEqual(await nodeIds(page), ['users', 'lb', 'app-1', 'app-2', 'db']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('moving respects the drag threshold and the snap toggle', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const start = await centreOf(page, ".node[data-id='app-1']");
  await drag(page, start, { x: start.x + 1, y: start.y + 1 }, { steps: 2 });
  assert.deepEqual(await worldPos(page, 'app-1'), { x: 560, y: 130 });
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true, 'a click is not an edit');
  await page.getByRole('button', { name: 'Snap' }).click();
  await drag(page, start, { x: start.x + 37, y: start.y + 23 });
  const snapped = await worldPos(page, 'app-1');
  assert.equal(snapped.x % 20, 0, JSON.stringify(snapped));
  assert.equal(snapped.y % 20, 0, JSON.stringify(snapped));
  assert.deepEqual(errors, []);
  await page.close();
});

test('click, shift-click and shift-drag select; Delete, duplicate, copy/paste, select all; undo and redo', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.click(".node[data-id='app-1']");
  await page.click(".node[data-id='app-2']", { modifiers: ['Shift'] });
  const selected = () => page.locator(".node[aria-pressed='true']").evaluateAll((n) => n.map((x) => x.dataset.id));
  assert.deepEqual(await selected(), ['app-1', 'app-2']);
  await page.keyboard.press('Escape');
  assert.deepEqual(await selected(), []);
  // Shift-drag on empty canvas: a box around the two app servers.
  await drag(page, await at(page, 470, 60), await at(page, 660, 360), { modifiers: ['Shift'] });
  assert.deepEqual(await selected(), ['app-1', 'app-2']);
  await page.keyboard.press('Delete');
  assert.deepEqual(await nodeIds(page), ['users', 'lb', 'db']);
  assert.ok(!(await linkIds(page)).some((l) => l.includes('app-')), 'links of deleted components go too');
  await page.keyboard.press(`${MOD}+z`);
  assert.deepEqual(await nodeIds(page), ['users', 'lb', 'app-1', 'app-2', 'db']);
  await page.keyboard.press(`${MOD}+Shift+z`);
  assert.equal(await page.locator('.node').count(), 3);
  await page.keyboard.press(`${MOD}+z`);
  await page.click(".node[data-id='app-1']");
  await page.click(".node[data-id='app-2']", { modifiers: ['Shift'] });
  await page.keyboard.press(`${MOD}+d`);
  assert.deepEqual(await selected(), ['service-1', 'service-2']);
  assert.equal(await page.locator('.node').count(), 7);
  await page.click(".node[data-id='db']");
  await page.keyboard.press(`${MOD}+c`);
  await page.keyboard.press(`${MOD}+v`);
  const pasted = await worldPos(page, 'database-1');
  assert.deepEqual(pasted, { x: 840, y: 260 }, 'pasted offset from the original');
  await page.keyboard.press(`${MOD}+z`);
  await page.keyboard.press(`${MOD}+y`);
  assert.equal(await page.locator(".node[data-id='database-1']").count(), 1, 'Ctrl+Y redoes');
  await page.keyboard.press(`${MOD}+a`);
  assert.equal((await selected()).length, 8);
  await page.keyboard.press('Backspace');
  assert.equal(await page.locator('.node').count(), 0);
  await page.keyboard.press(`${MOD}+z`);
  assert.equal(await page.locator('.node').count(), 8);
  assert.deepEqual(errors, []);
  await page.close();
});

test('dragging from a handle connects; nonsense is refused with the reason; links switch mode and delete', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await drag(page, await centreOf(page, ".handle[data-handle='users']"), await centreOf(page, ".node[data-id='app-2']"), { steps: 10 });
  assert.ok((await linkIds(page)).includes('users->app-2'));
  assert.match(await statusSays(page, 'Connected'), /Connected Users to App server 2/);
  await drag(page, await centreOf(page, ".handle[data-handle='db']"), await centreOf(page, ".node[data-id='users']"), { steps: 10 });
  const refusal = await statusSays(page, 'Cannot');
  assert.match(refusal, /Cannot connect Database to Users: component "db": a database does not send requests onwards; component "users": users cannot receive requests/);
  assert.equal(await page.locator('.status.error').count(), 1, 'the refusal is shown as an error');
  assert.ok(!(await linkIds(page)).includes('db->users'));
  await screenshot(page, 'editor-refused-link');
  // The new link is selected: make it asynchronous in the inspector.
  await drag(page, await centreOf(page, ".handle[data-handle='users']"), await centreOf(page, ".node[data-id='app-1']"), { steps: 10 });
  await page.getByTestId('link-mode').selectOption('publish');
  assert.equal(await page.locator(".link[data-from='users'][data-to='app-1']").getAttribute('data-mode'), 'publish');
  // Click the link lb -> app-2 and delete it.
  const a = await at(page, 320, 220);
  const b = await at(page, 560, 310);
  await page.mouse.click((a.x + b.x) / 2 + 20, (a.y + b.y) / 2 + 7.5);
  assert.equal(await page.locator(".link[data-from='lb'][data-to='app-2']").getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Delete');
  assert.ok(!(await linkIds(page)).includes('lb->app-2'));
  await page.keyboard.press(`${MOD}+z`);
  assert.ok((await linkIds(page)).includes('lb->app-2'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the inspector edits parameters from the table, flags bad values inline, and edits labels', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.click(".node[data-id='app-1']");
  const inspector = page.getByTestId('inspector');
  assert.match(await inspector.textContent(), /Instances/);
  assert.match(await inspector.textContent(), /Service time \(ms\)/);
  const instances = inspector.locator("input[data-param='instances']");
  await instances.fill('0');
  await instances.press('Enter');
  assert.equal(await instances.getAttribute('aria-invalid'), 'true');
  assert.match(await inspector.locator('.field-error').textContent(), /must be between 1 and 100000 count/);
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true, 'the bad value never reached the document');
  // A million users saturate one instance; four instances still saturate less.
  await page.getByTestId('users-input').fill('1M');
  await page.getByTestId('users-input').press('Enter');
  await page.waitForSelector(".node[data-id='app-1'][data-saturated='true']");
  await instances.fill('40');
  await instances.press('Enter');
  await page.waitForSelector(".node[data-id='app-1'][data-saturated='false']");
  assert.equal(await instances.getAttribute('aria-invalid'), 'false');
  const label = inspector.getByRole('textbox', { name: 'Label' });
  await label.fill('Checkout');
  await label.press('Enter');
  assert.equal(await page.locator(".node[data-id='app-1'] .label").textContent(), 'Checkout');
  await screenshot(page, 'editor-inspector');
  assert.deepEqual(errors, []);
  await page.close();
});
