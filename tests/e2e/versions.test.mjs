// Nothing is lost: the recent versions of the design are kept in this browser as it is
// edited and before it is replaced (opening an example or another design, importing),
// and any of them can be restored, also after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, nodeIds, statusSays, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/app/');

test('versions are kept while editing and before a replacement, and restore', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  // An edit: a cache is added (the first autosave keeps a version).
  await page.locator(".palette-item[data-kind='Cache']").click();
  const edited = await nodeIds(page);
  assert.ok(edited.includes('cache-1'));
  // Opening an example replaces the design: the edited one is kept first.
  await page.getByRole('button', { name: 'Designs' }).click();
  const library = page.getByTestId('library');
  await library.getByTestId('example').filter({ hasText: 'Stage 1' }).getByRole('button', { name: 'Open' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.node').length !== n, edited.length);
  assert.notDeepEqual(await nodeIds(page), edited);

  // After a reload, the versions are still there; restoring brings the edited design back.
  await page.reload();
  await page.waitForSelector('.node');
  await page.getByRole('button', { name: 'Designs' }).click();
  const versions = page.getByTestId('library').getByTestId('version');
  assert.ok((await versions.count()) >= 1, 'a version was kept');
  const withCache = versions.filter({ hasText: `${edited.length} components` }).first();
  await withCache.getByRole('button', { name: 'Restore' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.node').length === n, edited.length);
  assert.deepEqual(await nodeIds(page), edited);
  assert.match(await statusSays(page, 'Restored'), /Restored the version of/);
  // Undo takes the restore back.
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+z' : 'Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('.node').length !== n, edited.length);
  assert.deepEqual(errors, []);
  await page.close();
});
