// The editor in a real browser, part 3: keeping work. Autosave and restore on reload
// (and an unreadable autosave set aside, not overwritten), the library of designs, the
// examples, JSON import and export, SVG export that restores when dropped back in, PNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, screenshot, nodeIds, statusSays, MOD, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/');

async function downloadOf(page, buttonName) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName, exact: true }).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('a reload restores the autosaved work', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.locator(".palette-item[data-kind='Cache']").click();
  await page.click(".node[data-id='app-1']");
  await page.keyboard.press('Delete');
  await page.reload();
  await page.waitForSelector('.node');
  assert.deepEqual(await nodeIds(page), ['users', 'lb', 'app-2', 'db', 'cache-1']);
  assert.match(await statusSays(page, 'Restored'), /Restored your autosaved design/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an unreadable autosave is reported and set aside, never overwritten', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.evaluate(() => localStorage.setItem('scalelab.autosave', '{"schema_version": 1, "components": ['));
  await page.reload();
  await page.waitForSelector('.node');
  assert.match(await page.getByTestId('storage-error').textContent(), /could not be loaded/);
  assert.equal(await page.evaluate(() => localStorage.getItem('scalelab.autosave.unreadable')), '{"schema_version": 1, "components": [');
  await page.locator(".palette-item[data-kind='Cache']").click();
  assert.equal(await page.evaluate(() => localStorage.getItem('scalelab.autosave.unreadable')), '{"schema_version": 1, "components": [');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the library: save, rename, duplicate, delete, new, open; and the examples', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.getByRole('button', { name: 'Designs' }).click();
  const library = page.getByTestId('library');
  await library.getByRole('button', { name: 'Save current design to library' }).click();
  const entries = library.getByTestId('library-entry');
  assert.equal(await entries.count(), 1);
  await entries.first().getByRole('button', { name: 'Rename' }).click();
  await library.getByRole('textbox', { name: 'New name' }).fill('Shop v1');
  await library.getByRole('textbox', { name: 'New name' }).press('Enter');
  assert.match(await entries.first().textContent(), /Shop v1/);
  await entries.first().getByRole('button', { name: 'Duplicate' }).click();
  assert.equal(await entries.count(), 2);
  assert.match(await entries.nth(1).textContent(), /Shop v1 \(copy\)/);
  await library.getByRole('button', { name: 'Delete Shop v1 (copy)' }).click();
  assert.equal(await entries.count(), 1);
  await screenshot(page, 'editor-library');
  await library.getByRole('button', { name: 'New design' }).click();
  assert.deepEqual(await nodeIds(page), ['users']);
  await page.getByRole('button', { name: 'Designs' }).click();
  await entries.first().getByRole('button', { name: 'Open' }).click();
  assert.deepEqual(await nodeIds(page), ['users', 'lb', 'app-1', 'app-2', 'db']);
  // Opening is undoable, like any other change of the document.
  await page.keyboard.press(`${MOD}+z`);
  assert.deepEqual(await nodeIds(page), ['users']);
  await page.getByRole('button', { name: 'Designs' }).click();
  // An example is fetched from beside the page when opened.
  await library.getByTestId('example').first().getByRole('button', { name: 'Open' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 5);
  await library.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a library that cannot be read is reported and left untouched; a full storage is reported', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.evaluate(() => localStorage.setItem('scalelab.library', 'not json'));
  await page.getByRole('button', { name: 'Designs' }).click();
  const library = page.getByTestId('library');
  assert.match(await library.getByRole('alert').first().textContent(), /the library could not be read/);
  await library.getByRole('button', { name: 'Save current design to library' }).click();
  assert.equal(await page.evaluate(() => localStorage.getItem('scalelab.library')), 'not json');
  await library.getByRole('button', { name: 'Close' }).click();
  // Storage that refuses writes, as a full one does: autosave says so.
  await page.evaluate(() => {
    Storage.prototype.setItem = function refuse() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.locator(".palette-item[data-kind='Cache']").click();
  assert.match(await page.getByTestId('storage-error').textContent(), /Autosave failed: the browser's storage is full \(QuotaExceededError/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('export and import JSON; an exported SVG dropped back in restores the design; PNG', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const json = await downloadOf(page, 'JSON');
  assert.match(json.name, /\.scalelab\.json$/);
  const doc = JSON.parse(json.bytes.toString());
  assert.equal(doc.components.length, 5);
  const svg = await downloadOf(page, 'SVG');
  assert.match(svg.name, /\.svg$/);
  assert.match(svg.bytes.toString(), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<scalelab-document/);
  const png = await downloadOf(page, 'PNG');
  assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  // Change the design, then import the JSON: it comes back.
  await page.keyboard.press(`${MOD}+a`);
  await page.keyboard.press('Delete');
  assert.equal(await page.locator('.node').count(), 0);
  await page.getByTestId('import-file').setInputFiles({ name: 'design.json', mimeType: 'application/json', buffer: json.bytes });
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 5);
  // Delete again, then drop the SVG on the canvas.
  await page.keyboard.press(`${MOD}+a`);
  await page.keyboard.press('Delete');
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'picture.svg', { type: 'image/svg+xml' }));
    return data;
  }, svg.bytes.toString());
  await page.dispatchEvent("[data-testid='canvas']", 'drop', { dataTransfer: transfer });
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 5);
  assert.match(await statusSays(page, 'Imported'), /Imported picture\.svg/);
  // A file that is not a design is refused and changes nothing.
  await page.getByTestId('import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  assert.match(await statusSays(page, 'could not be opened'), /"notes.txt" could not be opened/);
  assert.equal(await page.locator('.node').count(), 5);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an example that cannot be fetched is reported, and the design stays as it was', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const before = await nodeIds(page);
  await page.route('**/examples/*.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByTestId('library').getByTestId('example').nth(1).getByRole('button', { name: 'Open' }).click();
  await page.getByTestId('status').filter({ hasText: 'The example could not be opened' }).waitFor();
  assert.match(await page.getByTestId('status').textContent(), /stage-1-single-server\.json: HTTP status 404/);
  assert.deepEqual(await nodeIds(page), before);
  // The 404 itself is the only console error.
  assert.ok(errors.every((e) => /404|Failed to load resource/.test(e)), JSON.stringify(errors));
  await page.close();
});
