// Share links end to end: the share dialog's link opens the same design with the same
// numbers in a fresh browser; opening a link keeps the current work in the library; a
// truncated, tampered, over-sized or future-version link says what is wrong and never
// touches the autosave; a link too long to paste is flagged and offers a JSON download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { derivedRps, openPage, screenshot, nodeIds, linkIds, statusSays, root, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/lab/');

/** A link in the codec's format (zlib, base64url) around any payload. */
function pack(text) {
  return `s1.${deflateSync(Buffer.from(text)).toString('base64url')}`;
}

async function goldenLink(name) {
  return (await readFile(join(root, 'tests', 'fixtures', 'links', 'v1', `${name}.link`), 'utf8')).trim().slice(1);
}

/** What a reader compares: every component's metrics and colour, and the derived load. */
async function numbers(page) {
  await page.waitForFunction(() => document.querySelectorAll('.node .metrics').length > 0);
  const nodes = await page.locator('.node').evaluateAll((all) => all.map((n) => [n.dataset.id, n.dataset.saturated, n.querySelector('.metrics')?.textContent ?? '']));
  return { nodes, derived: await derivedRps(page) };
}

async function shareLink(page) {
  await page.getByTestId('share-button').click();
  const input = page.getByTestId('share-link');
  await input.waitFor();
  return input.inputValue();
}

test('the share link opens the same design with the same numbers in a fresh browser', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.locator(".palette-item[data-kind='Cache']").click();
  const users = page.getByTestId('users-input');
  await users.fill('300K');
  await users.press('Enter');
  const before = { ids: await nodeIds(page), links: await linkIds(page), ...(await numbers(page)) };
  const link = await shareLink(page);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/lab\/#s1\.[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 2000, `${link.length} characters`);
  assert.match(await page.getByTestId('share').textContent(), /Link \(\d+ characters\)/);
  for (const id of ['snippet-html', 'snippet-hugo', 'snippet-mdx']) {
    const snippet = await page.getByTestId(id).inputValue();
    assert.ok(snippet.includes('?embed=1&') || snippet.includes('?embed=1&amp;'), snippet);
    assert.ok(snippet.includes(link.split('#')[1]), `${id} carries the design`);
  }
  assert.match(await page.getByTestId('snippet-html').inputValue(), /^<iframe src="[^"]+" title="scalelab: [^"]+" loading="lazy" width="100%" height="480"/);
  assert.match(await page.getByTestId('snippet-hugo').inputValue(), /^\{\{< scalelab src="/);
  assert.match(await page.getByTestId('snippet-mdx').inputValue(), /height=\{480\} style=\{\{ border: 0/);
  await screenshot(page, 'share-dialog');
  // A fresh browser context has no autosave: the link alone carries the design.
  const { page: fresh, errors: freshErrors } = await openPage(site.browser, link);
  await fresh.waitForFunction((n) => document.querySelectorAll('.node').length === n, before.ids.length);
  assert.deepEqual(await nodeIds(fresh), before.ids);
  assert.deepEqual(await linkIds(fresh), before.links);
  const after = await numbers(fresh);
  assert.deepEqual(after, { nodes: before.nodes, derived: before.derived });
  assert.match(await statusSays(fresh, 'Opened'), /Opened the shared design/);
  // The fragment is dropped once the design is in the autosave, so a reload restores it.
  assert.equal(new URL(fresh.url()).hash, '');
  await fresh.reload();
  await fresh.waitForSelector('.node');
  assert.deepEqual(await nodeIds(fresh), before.ids);
  assert.deepEqual([...errors, ...freshErrors], []);
  await page.close();
  await fresh.close();
});

test('opening a valid link first keeps the current work in the library', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.locator(".palette-item[data-kind='Message queue']").click();
  const mine = await nodeIds(page);
  await page.goto(`${site.server.url}#${await goldenLink('stage-1-single-server')}`);
  await page.waitForFunction(() => !document.querySelector(".node[data-id='lb']") && document.querySelectorAll('.node').length > 0);
  assert.match(await statusSays(page, 'kept in Designs'), /your previous design is kept in Designs/);
  const library = JSON.parse(await page.evaluate(() => localStorage.getItem('scalelab.library')));
  assert.equal(library.length, 1);
  assert.match(library[0].name, /kept when a link was opened/);
  assert.deepEqual(library[0].document.components.map((c) => c.id), mine);
  // A link pasted into the open app's address bar is opened the same way.
  await page.evaluate((fragment) => { location.hash = fragment; }, await goldenLink('starter'));
  await page.waitForFunction(() => document.querySelector(".node[data-id='lb']"));
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('scalelab.library'))).length, 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test('bad links say what is wrong and never touch the autosave or the library', async () => {
  const good = await goldenLink('stage-2-load-balancer-cache');
  const middle = Math.floor(good.length / 2);
  const bad = [
    ['truncated', good.slice(0, -12), /could not be opened: the link is damaged or cut off/],
    ['tampered', `${good.slice(0, middle)}${good[middle] === 'A' ? 'B' : 'A'}${good.slice(middle + 1)}`, /could not be opened: the link is damaged or cut off/],
    ['over-sized', pack(' '.repeat(9 * 1024 * 1024)), /could not be opened: the link's design would be over 8388608 bytes once unpacked/],
    ['future version', pack('{"schema_version":99,"components":[]}'), /could not be opened: the link was made by a newer version of scalelab \(schema version 99\)/],
    ['unknown format', 's7.AAAA', /could not be opened: the link is in format "s7"/],
    ['not a link', 'hello', /could not be opened: this is not a scalelab share link/],
  ];
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.locator(".palette-item[data-kind='Object storage']").click();
  const mine = await nodeIds(page);
  const autosave = await page.evaluate(() => localStorage.getItem('scalelab.autosave'));
  assert.ok(autosave.includes('object-storage-1'), autosave.slice(0, 200));
  for (const [what, fragment, message] of bad) {
    await page.goto(`${site.server.url}#${fragment}`);
    await page.waitForSelector("[data-testid='storage-error']");
    assert.match(await page.getByTestId('storage-error').textContent(), message, what);
    assert.match(await page.getByTestId('storage-error').textContent(), /Nothing you saved was changed/, what);
    assert.deepEqual(await nodeIds(page), mine, `${what}: the user's design stays`);
    assert.equal(await page.evaluate(() => localStorage.getItem('scalelab.autosave')), autosave, `${what}: autosave untouched`);
    assert.equal(await page.evaluate(() => localStorage.getItem('scalelab.library')), null, `${what}: library untouched`);
    if (what === 'tampered') await screenshot(page, 'share-bad-link');
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link over 8,000 characters is flagged and the design offered as JSON', async () => {
  // 400 components with labels that do not compress: far beyond a comfortable link.
  const components = [{ id: 'users', kind: 'users', label: 'Users', pos_world: { x: 0, y: -200 } }];
  components.push(...Array.from({ length: 400 }, (_, i) => ({
    id: `svc-${i}`, kind: 'service', label: `Service ${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 12)}`,
    pos_world: { x: (i % 20) * 200, y: Math.floor(i / 20) * 120 },
  })));
  const doc = { schema_version: 1, name: 'Big', components, links: [], traffic: { users: 1000 } };
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.evaluate((text) => localStorage.setItem('scalelab.autosave', text), JSON.stringify(doc));
  await page.reload();
  await page.waitForSelector('.node');
  assert.match(await statusSays(page, 'Restored'), /Restored your autosaved design/);
  const link = await shareLink(page);
  assert.ok(link.length > 8000, `${link.length}`);
  assert.match(await page.getByTestId('share-too-long').textContent(), /over 8000 characters.*JSON file instead/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  assert.match(download.suggestedFilename(), /^big\.scalelab\.json$/);
  assert.deepEqual(errors, []);
  await page.close();
});
