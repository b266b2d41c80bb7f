// The built site as a static host serves it: a Content-Security-Policy with no inline
// script that the app, the embed, the demo post and the engine page all run under with no
// violation; link-preview tags; a favicon; the engine page using the wasm-pack package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { dist, root, screenshot, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/static/site/');

/** Opens `path` and records CSP violations, console errors and uncaught exceptions. */
async function visit(path, ready) {
  const page = await site.browser.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`${site.server.url}${path}`);
  await page.waitForSelector(ready);
  return { page, problems, violations: () => page.evaluate(() => window.__violations) };
}

test('dist has a CSP meta tag, no inline script, hashed asset names and preview tags', async () => {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script is a file');
  assert.doesNotMatch(html, /unsafe-inline'[^"]*script|script-src[^;]*unsafe-inline/);
  const files = await readdir(dist);
  // Trunk writes a 64-bit hash in hex without leading zeros: 16 digits, or fewer for 1 build in 16.
  for (const prefix of ['loader-', 'scalelab-ui-', 'styles-']) {
    assert.ok(files.some((f) => new RegExp(`^${prefix}[0-9a-f]{12,16}[._]`).test(f)), `${prefix}<hash> in ${files}`);
  }
  for (const tag of ['og:title', 'og:description', 'og:image', 'twitter:card', 'twitter:image']) {
    assert.match(html, new RegExp(`(property|name)="${tag}" content="[^"{]+"`), tag);
  }
  // Without --site-url there is no absolute URL to give og:url, so it is left out.
  assert.doesNotMatch(html, /\{\{site_url\}\}|og:url/);
  for (const file of ['favicon.svg', 'og-image.png', 'demo-post.html', 'engine.html', 'engine/pkg/scalelab_wasm.js', 'engine/pkg/scalelab_wasm_bg.wasm']) {
    assert.ok((await readFile(join(dist, file))).length > 100, file);
  }
});

test('the app runs under its CSP with no violation: editor, share dialog, PNG export, theme', async () => {
  const { page, problems, violations } = await visit('', '.node');
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-link').waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG', exact: true }).click()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  await page.getByTestId('theme').click();
  assert.deepEqual(await violations(), []);
  assert.deepEqual(problems, []);
  const favicon = await page.request.get(`${site.server.url}favicon.svg`);
  assert.equal(favicon.status(), 200);
  await page.close();
});

test('the embed, the demo post and the engine page run under their CSPs with no violation', async () => {
  const link = (await readFile(join(root, 'tests', 'fixtures', 'links', 'v1', 'stage-3-cdn-sharding.link'), 'utf8')).trim();
  const embed = await visit(`?embed=1&autoplay=1&view=split${link}`, '.node');
  await embed.page.waitForSelector('[data-testid=summary] table');
  assert.deepEqual(await embed.violations(), []);
  assert.deepEqual(embed.problems, []);
  await embed.page.close();
  const post = await visit('demo-post.html', 'iframe');
  await post.page.waitForFunction(() => document.getElementById('read-only-result').textContent.startsWith('The embed reports'));
  assert.deepEqual(await post.violations(), []);
  assert.deepEqual(post.problems, []);
  await post.page.close();
});

test('the engine page computes with the wasm-pack package, without the editor', async () => {
  const { page, problems, violations } = await visit('engine.html', 'h1');
  await page.waitForFunction(() => document.querySelector('[data-testid=breaks]').rows.length > 1);
  assert.match(await page.getByTestId('headline').textContent(), /^100,000 users: [\d,]+ requests\/s at the peak, p99 [\d,]+ ms/);
  assert.ok((await page.getByTestId('components').locator('tr').count()) > 3);
  assert.equal(await page.locator('.node').count(), 0);
  await page.locator('#users').fill('lots');
  await page.locator('#run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=headline]').textContent.includes('refused'));
  await screenshot(page, 'engine-page');
  assert.deepEqual(await violations(), []);
  assert.deepEqual(problems, []);
  await page.close();
});
