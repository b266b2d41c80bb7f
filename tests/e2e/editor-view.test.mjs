// The editor in a real browser, part 2: panning and zooming (mouse, wheel, keys,
// buttons, touch), the minimap, regions as containers, and tidy up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, centreOf, derivedRps, drag, worldPos, clientOfWorld, MOD, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/');

async function camera(page) {
  const canvas = page.getByTestId('canvas');
  const [x, y] = (await canvas.getAttribute('data-origin')).split(',').map(Number);
  return { x, y, zoom: Number(await canvas.getAttribute('data-zoom')) };
}

test('drag on empty canvas, Space+drag and the wheel pan; the document does not change', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const before = await camera(page);
  const empty = await clientOfWorld(page, { x: 420, y: 480 });
  await drag(page, empty, { x: empty.x + 100, y: empty.y + 50 });
  const panned = await camera(page);
  assert.ok(Math.abs((before.x - panned.x) * before.zoom - 100) < 1, `${JSON.stringify(before)} -> ${JSON.stringify(panned)}`);
  // Space+drag over a component pans instead of moving it.
  await page.keyboard.down('Space');
  await drag(page, await centreOf(page, ".node[data-id='lb'] .body"), { x: empty.x + 160, y: empty.y });
  await page.keyboard.up('Space');
  assert.deepEqual(await worldPos(page, 'lb'), { x: 320, y: 220 });
  assert.notDeepEqual(await camera(page), panned);
  const beforeWheel = await camera(page);
  await page.mouse.move(empty.x, empty.y);
  await page.mouse.wheel(0, 120);
  await page.waitForFunction((y) => Number(document.querySelector("[data-testid='canvas']").dataset.origin.split(',')[1]) !== y, beforeWheel.y);
  assert.equal(await page.getByRole('button', { name: 'Undo' }).isDisabled(), true, 'panning is not an edit');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Ctrl+wheel, buttons, Shift+1 and Ctrl+0 zoom; the minimap moves the view', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  const start = await camera(page);
  const empty = await clientOfWorld(page, { x: 420, y: 480 });
  await page.mouse.move(empty.x, empty.y);
  await page.keyboard.down(MOD);
  await page.mouse.wheel(0, -300);
  await page.keyboard.up(MOD);
  await page.waitForFunction((z) => Number(document.querySelector("[data-testid='canvas']").dataset.zoom) > z, start.zoom);
  const zoomed = await camera(page);
  // The world point under the pointer stayed under it.
  const worldBefore = { x: start.x + (empty.x - (await page.getByTestId('canvas').boundingBox()).x) / start.zoom };
  const worldAfter = { x: zoomed.x + (empty.x - (await page.getByTestId('canvas').boundingBox()).x) / zoomed.zoom };
  assert.ok(Math.abs(worldBefore.x - worldAfter.x) < 1);
  await page.keyboard.press(`${MOD}+0`);
  assert.equal((await camera(page)).zoom, 1);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  assert.equal((await camera(page)).zoom, 1.25);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  assert.equal((await camera(page)).zoom, 1);
  assert.equal(await page.getByTestId('zoom-level').textContent(), '100%');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Digit1');
  await page.keyboard.up('Shift');
  assert.deepEqual(await camera(page), start, 'Shift+1 fits everything, as on load');
  // The minimap: a press in its corner centres the view there.
  const mini = await page.getByTestId('minimap').boundingBox();
  const viewBefore = await page.getByTestId('minimap-view').getAttribute('data-x');
  await page.mouse.click(mini.x + 10, mini.y + 10);
  assert.notEqual(await page.getByTestId('minimap-view').getAttribute('data-x'), viewBefore);
  await screenshot(page, 'editor-minimap');
  assert.deepEqual(errors, []);
  await page.close();
});

test('touch: a finger drags a component, two fingers pinch-zoom, a tap adds from the palette', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url, { hasTouch: true });
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const from = await centreOf(page, ".node[data-id='app-1'] .body");
  const zoom = (await camera(page)).zoom;
  await touch('touchStart', [[from.x, from.y]]);
  for (let step = 1; step <= 6; step += 1) await touch('touchMove', [[from.x + 10 * step, from.y + 5 * step]]);
  await touch('touchEnd', []);
  const moved = await worldPos(page, 'app-1');
  assert.ok(Math.abs(moved.x - (560 + 60 / zoom)) < 1 && Math.abs(moved.y - (130 + 30 / zoom)) < 1, JSON.stringify(moved));
  // Pinch on empty canvas: fingers 100 px apart spread to 200 px.
  const centre = await clientOfWorld(page, { x: 420, y: 480 });
  await touch('touchStart', [[centre.x - 50, centre.y], [centre.x + 50, centre.y]]);
  for (let step = 1; step <= 5; step += 1) await touch('touchMove', [[centre.x - 50 - 10 * step, centre.y], [centre.x + 50 + 10 * step, centre.y]]);
  await touch('touchEnd', []);
  const pinched = (await camera(page)).zoom;
  assert.ok(Math.abs(pinched / zoom - 2) < 0.01, `zoom ${zoom} -> ${pinched}`);
  // Two fingers moving together pan: the view follows them, the zoom stays.
  const beforePan = await camera(page);
  await touch('touchStart', [[centre.x - 50, centre.y], [centre.x + 50, centre.y]]);
  for (let step = 1; step <= 6; step += 1) await touch('touchMove', [[centre.x - 50 + 10 * step, centre.y], [centre.x + 50 + 10 * step, centre.y]]);
  await touch('touchEnd', []);
  const afterPan = await camera(page);
  assert.equal(afterPan.zoom, beforePan.zoom);
  assert.ok(Math.abs(afterPan.x - (beforePan.x - 60 / beforePan.zoom)) < 0.2, `${JSON.stringify(beforePan)} -> ${JSON.stringify(afterPan)}`);
  await page.touchscreen.tap(...Object.values(await centreOf(page, ".palette-item[data-kind='Cache']")));
  await page.waitForSelector(".node[data-id='cache-1']");
  assert.deepEqual(errors, []);
  await page.close();
});

test('regions hold components: drag in, the region carries them, drag out', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.locator(".palette-item[data-kind='Region']").click();
  await page.waitForSelector(".container[data-id='region-1']");
  const frame = () => page.locator(".container[data-id='region-1'] .frame").boundingBox();
  const box = await frame();
  await drag(page, await centreOf(page, ".node[data-id='app-2'] .body"), { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  assert.equal(await page.locator(".node[data-id='app-2']").getAttribute('data-parent'), 'region-1');
  const inside = await worldPos(page, 'app-2');
  const grown = await frame();
  // Drag the region by its empty top-left corner.
  const zoom = (await camera(page)).zoom;
  await drag(page, { x: grown.x + 12, y: grown.y + 40 }, { x: grown.x + 12 + 80, y: grown.y + 40 + 40 });
  const carried = await worldPos(page, 'app-2');
  assert.ok(Math.abs(carried.x - inside.x - 80 / zoom) < 1 && Math.abs(carried.y - inside.y - 40 / zoom) < 1, `${JSON.stringify(inside)} -> ${JSON.stringify(carried)}`);
  await screenshot(page, 'editor-region');
  await drag(page, await centreOf(page, ".node[data-id='app-2'] .body"), await clientOfWorld(page, { x: 850, y: 480 }));
  assert.equal(await page.locator(".node[data-id='app-2']").getAttribute('data-parent'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('tidy up lays the graph out in layers, and undo puts it back', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await drag(page, await centreOf(page, ".node[data-id='db'] .body"), await clientOfWorld(page, { x: 200, y: 450 }));
  const messy = await worldPos(page, 'db');
  await page.getByRole('button', { name: 'Tidy up: lay the graph out in layers' }).click();
  const xs = await Promise.all(['users', 'lb', 'app-1', 'db'].map(async (id) => (await worldPos(page, id)).x));
  assert.ok(xs[0] < xs[1] && xs[1] < xs[2] && xs[2] < xs[3], `columns left to right: ${xs}`);
  assert.equal((await worldPos(page, 'app-1')).x, (await worldPos(page, 'app-2')).x);
  await page.keyboard.press(`${MOD}+z`);
  assert.deepEqual(await worldPos(page, 'db'), messy);
  assert.deepEqual(errors, []);
  await page.close();
});

test('while dragging, only the dragged component and its links change in the page', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  // The engine's first answer recolours every component: let it land before watching.
  await derivedRps(page);
  const from = await centreOf(page, ".node[data-id='app-1'] .body");
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 5);
  await page.mouse.move(from.x + 20, from.y + 10);
  await page.evaluate(() => {
    window.touched = new Set();
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const node = el.closest('.node, .container');
        const what = node ? `node ${node.dataset.id}` : el.classList.contains('link') ? `link ${el.dataset.from}->${el.dataset.to}` : el.getAttribute('class') ?? el.nodeName;
        window.touched.add(what);
      }
    }).observe(document.querySelector('.stage'), { subtree: true, attributes: true, childList: true, characterData: true });
  });
  for (let step = 1; step <= 10; step += 1) await page.mouse.move(from.x + 20 + 8 * step, from.y + 10 + 4 * step);
  const touched = await page.evaluate(() => [...window.touched].sort());
  await page.mouse.up();
  assert.deepEqual(touched, ['link app-1->db', 'link lb->app-1', 'node app-1']);
  assert.deepEqual(errors, []);
  await page.close();
});
