// A design full of markup tricks is shown as text everywhere and runs nothing: no
// dialog, no navigation, no script or event-handler element added to the page, no
// console error; its SVG export escapes it and restores it exactly when dropped back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, screenshot, statusSays, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/app/');

const TRICKS = [
  '<script>alert("label")</script>',
  '<img src=x onerror=alert("img")>',
  'javascript:alert("href")',
  '<svg onload=alert("svg")><a href="javascript:alert(1)">x</a></svg>',
  '"><iframe src="javascript:alert(2)"></iframe>',
  '</scalelab-document></metadata><script>alert("breakout")</script>',
  ']]><!-- --><style>*{display:none}</style>',
  '&lt;b&gt;entities&amp;',
];

function hostileDesign() {
  const kinds = ['users', 'load_balancer', 'service', 'cache', 'database', 'queue', 'worker', 'external_api'];
  const components = TRICKS.map((label, i) => ({
    id: i === 0 ? 'users' : `c${i}-<b>${i}</b>`,
    kind: kinds[i],
    label,
    pos_world: { x: 100 + 240 * (i % 4), y: 100 + 160 * Math.floor(i / 4) },
  }));
  const wiring = [[0, 1], [1, 2], [2, 3], [3, 4], [2, 5], [5, 6], [2, 7]];
  const links = wiring.map(([from, to]) => ({ from: components[from].id, to: components[to].id }));
  return { schema_version: 1, name: '<script>alert("name")</script>', components, links, traffic: { users: 10000 } };
}

async function downloadOf(page, buttonName) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName, exact: true }).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('imported markup is text everywhere and nothing in it runs', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const url = page.url();
  const before = await page.evaluate(() => document.querySelectorAll('script, iframe, img, style').length);
  const json = Buffer.from(JSON.stringify(hostileDesign()));
  await page.getByTestId('import-file').setInputFiles({ name: '<b>design</b>.json', mimeType: 'application/json', buffer: json });
  await page.waitForFunction((n) => document.querySelectorAll('.node').length === n, TRICKS.length);
  await statusSays(page, 'Imported');

  // Every label shows as the literal text it is.
  const shown = await page.locator('.node').allTextContents();
  for (const trick of TRICKS) assert.ok(shown.some((text) => text.includes(trick)), `not shown as text: ${trick}`);
  // The inspector shows it as a value, not markup.
  await page.locator('.node').nth(1).click();
  const labels = await page.locator('input').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.ok(labels.includes(TRICKS[1]), `inspector: ${labels}`);

  // Round trip through the SVG export: escaped inside, the same design when dropped back.
  const svg = (await downloadOf(page, 'SVG')).bytes.toString();
  const live = await page.evaluate((text) => {
    const picture = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (picture.querySelector('parsererror')) return ['unparseable'];
    return [...picture.querySelectorAll('*')].flatMap((e) => [
      ...(['script', 'iframe', 'img', 'foreignObject', 'style'].includes(e.localName) ? [e.localName] : []),
      ...[...e.attributes].filter((a) => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)).map((a) => a.name),
    ]);
  }, svg);
  assert.deepEqual(live, [], 'the picture carries no live markup');
  assert.equal(svg.match(/<\/scalelab-document>/g).length, 1, 'a label cannot close the embedded document');
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'picture.svg', { type: 'image/svg+xml' }));
    return data;
  }, svg);
  await page.dispatchEvent("[data-testid='canvas']", 'drop', { dataTransfer: transfer });
  await statusSays(page, 'picture.svg');
  const again = await page.locator('.node').allTextContents();
  for (const trick of TRICKS) assert.ok(again.some((text) => text.includes(trick)), `lost in the SVG round trip: ${trick}`);

  await page.waitForTimeout(300);
  await screenshot(page, 'hostile-design');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.equal(page.url(), url, 'no navigation');
  const after = await page.evaluate(() => document.querySelectorAll('script, iframe, img, style').length);
  assert.equal(after, before, 'no script, iframe, image or style element was added');
  const handlers = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length);
  assert.equal(handlers, 0, 'no inline event handler in the page');
  assert.deepEqual(errors, []);
  await page.close();
});
