// Shared set-up for the end-to-end tests: a static server over the built site on
// 127.0.0.1 (stopped by the test that starts it), and Debian's Chromium driven by
// playwright-core. No browser is ever downloaded.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '..', '..');
export const dist = join(root, 'dist');
export const artifacts = join(here, 'artifacts');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `dist/` under `prefix` (to prove the site works from a sub-path). */
export async function serveDist(prefix = '/') {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let path = url.pathname.slice(prefix.length);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dist, path));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((done) => server.close(done)) };
}

/** Headless Chromium with the flags it needs as root on a closed network. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    // Each launch gets a fresh temporary profile from playwright (a --user-data-dir flag
    // is refused by launch()).
  });
}

/** The users control's derived load, once the engine has answered for the users shown. */
export async function derivedRps(page) {
  await page.waitForFunction(() => !document.querySelector("[data-testid='derived-rps']").textContent.includes('…'));
  return page.getByTestId('derived-rps').textContent();
}

/** Opens a page and records every console error and uncaught exception on it. */
export async function openPage(browser, url, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, ...options });
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  await page.waitForSelector('.node');
  return { page, errors };
}

export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The centre of the first element matching `selector`, in page (client) pixels. */
export async function centreOf(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses at `from`, moves to `to` in `steps` steps, releases (mouse). */
export async function drag(page, from, to, { steps = 8, modifiers = [] } = {}) {
  for (const key of modifiers) await page.keyboard.down(key);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= steps; step += 1) {
    await page.mouse.move(from.x + ((to.x - from.x) * step) / steps, from.y + ((to.y - from.y) * step) / steps);
  }
  await page.mouse.up();
  for (const key of modifiers) await page.keyboard.up(key);
}

/** A component's centre in world units. */
export async function worldPos(page, id) {
  return page.locator(`.node[data-id='${id}']`).evaluate((node) => ({ x: Number(node.dataset.x), y: Number(node.dataset.y) }));
}

/** The client position of a world point, from the canvas's camera attributes. */
export async function clientOfWorld(page, world) {
  const canvas = page.getByTestId('canvas');
  const box = await canvas.boundingBox();
  const zoom = Number(await canvas.getAttribute('data-zoom'));
  const [ox, oy] = (await canvas.getAttribute('data-origin')).split(',').map(Number);
  return { x: box.x + (world.x - ox) * zoom, y: box.y + (world.y - oy) * zoom };
}

/** The ids of the components on the canvas, in document order. */
export async function nodeIds(page) {
  return page.locator('.node').evaluateAll((nodes) => nodes.map((n) => n.dataset.id));
}

export async function linkIds(page) {
  return page.locator('.link').evaluateAll((links) => links.map((l) => `${l.dataset.from}->${l.dataset.to}`));
}

/** The text of the aria-live status line, once it contains `part`. */
export async function statusSays(page, part) {
  await page.waitForFunction(
    (want) => document.querySelector("[data-testid='status']")?.textContent.includes(want),
    part,
    { timeout: 5000 },
  ).catch(() => {});
  return page.getByTestId('status').textContent();
}

/** Ctrl on Linux and Windows, Cmd on macOS: the tests run on Linux. */
export const MOD = 'Control';

/**
 * Serves the built site under `prefix` and launches a browser before a file's tests, and
 * stops both after them. Returns an object whose `server` and `browser` are set by then.
 */
export function withSiteAndBrowser(prefix = '/') {
  const site = {};
  before(async () => {
    site.server = await serveDist(prefix);
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
