// The editor in a real browser, part 4: help, the context menu, the keyboard alone,
// ARIA roles and announcements, and the light and dark themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedRps, openPage, screenshot, worldPos, statusSays, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/');

test('"?" shows the shortcuts; Escape closes them', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.keyboard.press('?');
  const help = page.getByTestId('help');
  await help.waitFor();
  assert.match(await help.textContent(), /Ctrl\/⌘\+Z/);
  assert.match(await help.textContent(), /Shift\+1/);
  await screenshot(page, 'editor-help');
  await page.keyboard.press('Escape');
  assert.equal(await help.count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('right-click offers the common actions for what was clicked', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.click(".node[data-id='app-2'] .body", { button: 'right' });
  const menu = page.getByTestId('context-menu');
  const items = await menu.getByRole('menuitem').allTextContents();
  assert.deepEqual(items, ['Duplicate', 'Copy', 'Delete', 'Select all', 'Tidy up', 'Fit all']);
  await menu.getByRole('menuitem', { name: 'Duplicate' }).click();
  assert.equal(await page.locator(".node[data-id='service-1']").count(), 1);
  assert.equal(await menu.count(), 0, 'the menu closes after an action');
  await page.click(".node[data-id='service-1'] .body", { button: 'right' });
  await page.getByTestId('context-menu').getByRole('menuitem', { name: 'Delete' }).click();
  assert.equal(await page.locator(".node[data-id='service-1']").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard only: Tab to a component, Enter selects, arrows move it, Escape clears; all announced', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  assert.equal(await page.locator(".node[data-id='users']").getAttribute('role'), 'button');
  assert.match(await page.locator(".node[data-id='users']").getAttribute('aria-label'), /^Users, Users/);
  // Once the engine has answered, a link's name also says what it carries.
  await derivedRps(page);
  assert.match(
    await page.locator(".link[data-from='users']").getAttribute('aria-label'),
    /^Link from Users to Load balancer, synchronous call, [\d.]+[KMB]? req\/s$/,
  );
  assert.equal(await page.getByTestId('status').getAttribute('aria-live'), 'polite');
  let focused = null;
  for (let i = 0; i < 80 && focused !== 'lb'; i += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.closest?.('.node')?.dataset.id ?? null);
  }
  assert.equal(focused, 'lb', 'Tab reaches the components');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('.body')).strokeDasharray);
  assert.notEqual(ring, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(".node[data-id='lb']").getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await worldPos(page, 'lb'), { x: 330, y: 220 });
  await page.keyboard.press('Shift+ArrowDown');
  assert.deepEqual(await worldPos(page, 'lb'), { x: 330, y: 270 });
  assert.match(await statusSays(page, 'Moved'), /Moved Load balancer to 330, 270/);
  await screenshot(page, 'editor-keyboard-focus');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator(".node[data-id='lb']").getAttribute('aria-pressed'), 'false');
  assert.deepEqual(errors, []);
  await page.close();
});

test('themes: follows the system, switchable to light and dark', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url, { colorScheme: 'dark' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await background(), 'rgb(20, 24, 29)', 'dark, as the system says');
  await screenshot(page, 'editor-dark');
  await page.getByTestId('theme').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.equal(await background(), 'rgb(247, 247, 245)');
  await screenshot(page, 'editor-light');
  await page.getByTestId('theme').click();
  assert.equal(await background(), 'rgb(20, 24, 29)');
  await page.reload();
  await page.waitForSelector('.node');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the choice is remembered');
  assert.deepEqual(errors, []);
  await page.close();
});
