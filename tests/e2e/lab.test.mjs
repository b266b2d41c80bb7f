// The scale sweep and its advisor in the browser: one click sweeps 1K to 1B users with the
// flow engine (in the worker), charts latency and errors against users with the break
// points marked, names the first bottleneck, and "apply" moves the break point up.
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedRps, openPage, screenshot, withSiteAndBrowser } from './support.mjs';

const site = withSiteAndBrowser('/lab/');

test('the sweep finds the single server first, and applying the advice moves the break point up', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByTestId('library').getByTestId('example').filter({ hasText: 'Stage 1' }).getByRole('button', { name: 'Open' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 3);
  await page.getByTestId('sweep-button').click();
  const advice = page.getByTestId('advice');
  await advice.waitFor();
  assert.equal(await advice.getAttribute('data-component'), 'app');
  assert.match(await advice.textContent(), /First bottleneck: .* runs out of CPU at [\d.]+K users/);
  const chart = page.getByTestId('sweep-chart');
  assert.equal(await chart.locator('.break').count(), await page.getByTestId('breaks').locator('li').count());
  assert.ok((await chart.locator('.point').count()) > 10, 'the chart plots the sweep points');
  const before = Number(await page.getByTestId('breaks').locator("li[data-component='app']").getAttribute('data-users'));
  assert.ok(before > 1e3 && before < 1e5, `a single server saturates between 1K and 100K users: ${before}`);
  await screenshot(page, 'sweep-before');

  // The report carries the headline, each component, and the sweep with its chart.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-button').click()]);
  assert.match(download.suggestedFilename(), /\.report\.md$/);
  const report = await readFile(await download.path(), 'utf8');
  assert.match(report, /^# Stage 1.*: run report\n/);
  const rps = (await page.getByTestId('card-rps').locator('.card-value').textContent()).trim();
  assert.ok(report.includes(`| ${rps} |`), `the report's requests/s are the card's (${rps})`);
  assert.equal((report.match(/^\| [^|]+ \| (Service|Database|Users) \|/gm) ?? []).length, 3, 'a line per component');
  assert.ok(report.includes('<svg class="chart"'), 'the sweep chart is in the report');
  assert.match(report, /\n1\. App server: [\d.]+K users · CPU · horizontal scaling/);

  await page.getByTestId('apply-advice').click();
  const moved = page.getByTestId('break-moved');
  await moved.waitFor();
  const after = Number(await page.getByTestId('breaks').locator("li[data-component='app']").getAttribute('data-users') ?? Infinity);
  assert.ok(after >= 2 * before, `the break point moved from ${before} to ${after}`);
  assert.match(await moved.textContent(), /Before the last change the first bottleneck was .* at [\d.]+K users; now /);
  await screenshot(page, 'sweep-after');
  // One undo takes the change back, and the sweep follows.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((users) => document.querySelector("[data-testid='breaks'] li[data-component='app']")?.dataset.users === String(users), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test('links grow with their throughput, one whose calls fail is marked, and errors show where they happen', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByTestId('library').getByTestId('example').filter({ hasText: 'Stage 1' }).getByRole('button', { name: 'Open' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 3);
  const width = (from, to) =>
    page.locator(`.link[data-from='${from}'][data-to='${to}']`).evaluate((l) => parseFloat(getComputedStyle(l).strokeWidth));
  await derivedRps(page);
  const quiet = await width('users', 'app');
  assert.ok(quiet > 2, `a link carrying traffic is drawn wider than an idle one: ${quiet}`);
  // At 1M users the single server turns most requests away: the link into it carries
  // more than ten times what it passes on to the database, and some of its calls time out.
  await page.getByTestId('users-input').fill('1M');
  await page.getByTestId('users-input').press('Enter');
  await derivedRps(page);
  await page.waitForFunction(() => document.querySelector(".link[data-from='users'][data-to='app']").classList.contains('failing'));
  const [front, back] = [await width('users', 'app'), await width('app', 'db')];
  assert.ok(front > back && front > quiet, `users->app ${front} px, app->db ${back} px, before ${quiet} px`);
  assert.match(await page.locator(".link[data-from='users'][data-to='app']").getAttribute('aria-label'), /req\/s, [\d.]+ % failing/);
  assert.equal(await page.locator(".link[data-from='app'][data-to='db'].failing").count(), 0);
  // Errors show where they happen: on the server that turns requests away, not the database.
  assert.match(await page.locator(".node[data-id='app'] .badge").textContent(), /^SATURATED · CPU · [\d.]+K errors\/s$/);
  assert.match(await page.locator(".node[data-id='app']").getAttribute('aria-label'), /, saturated, [\d.]+K errors\/s$/);
  assert.equal(await page.locator(".node[data-id='db'] .badge").count(), 0);
  await screenshot(page, 'links-by-throughput');
  assert.deepEqual(errors, []);
  await page.close();
});

test('two designs compared under the same traffic: figures side by side and their sweeps on one scale', async () => {
  const { page, errors } = await openPage(site.browser, site.server.url);
  await page.getByRole('button', { name: 'Designs' }).click();
  await page.getByTestId('library').getByTestId('example').filter({ hasText: 'Stage 1' }).getByRole('button', { name: 'Open' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 3);
  await page.getByTestId('users-input').fill('200K');
  await page.getByTestId('users-input').press('Enter');
  await page.getByTestId('sweep-button').click();
  await page.getByTestId('advice').waitFor();
  await page.getByTestId('compare-with').selectOption({ label: 'Stage 2 (10K-100K users): load balancer, cache, replicas, a queue' });
  const compare = page.getByTestId('compare');
  await compare.waitFor();
  assert.match(await compare.locator('h3').textContent(), /^Compared with Stage 2 .* under this design's traffic \(200K users\) and seed$/);
  // The same requests enter both (the same traffic); the single server fails many of them
  // at 200K users, and the stage 2 design fewer.
  const cells = async (key) => compare.locator(`tr[data-figure='${key}'] td`).allTextContents();
  const [oursRps, theirsRps] = await cells('rps');
  assert.equal(oursRps, theirsRps);
  assert.equal(oursRps, (await page.getByTestId('card-rps').locator('.card-value').textContent()).trim());
  const [oursErrors, theirsErrors] = (await cells('errors')).map((t) => parseFloat(t));
  assert.ok(oursErrors > theirsErrors, `errors ${oursErrors} % against ${theirsErrors} %: ${await compare.textContent()}`);
  // Each first bottleneck, from its own sweep: the stage 2 design's comes later.
  const [oursFirst, theirsFirst] = await cells('first-bottleneck');
  assert.match(oursFirst, /^App server at [\d.]+K users$/);
  const users = (text) => {
    const m = text.match(/at ([\d.]+)([KMB]?) users/);
    return m ? parseFloat(m[1]) * { '': 1, K: 1e3, M: 1e6, B: 1e9 }[m[2]] : Infinity;
  };
  assert.ok(users(theirsFirst) > users(oursFirst), `${theirsFirst} later than ${oursFirst}`);
  // Both sweeps are charted beside each other, on the same latency scale.
  const charts = compare.locator('.compare-charts svg');
  assert.equal(await charts.count(), 2);
  const ticks = async (i) => (await charts.nth(i).locator('g.tick text').allTextContents()).filter((t) => t.endsWith('ms'));
  assert.deepEqual(await ticks(0), await ticks(1));
  await compare.scrollIntoViewIfNeeded();
  await screenshot(page, 'compare-designs');

  // The comparison follows this design's traffic.
  await page.getByTestId('users-input').fill('20K');
  await page.getByTestId('users-input').press('Enter');
  await page.waitForFunction(() => document.querySelector("[data-testid='compare'] h3")?.textContent.includes('(20K users)'));
  // An edit of this design moves its side only.
  const theirsBefore = (await cells('first-bottleneck'))[1];
  // (The sweep panel covers the canvas here: select the server from the keyboard.)
  await page.locator(".node[data-id='app']").focus();
  await page.keyboard.press('Enter');
  const instances = page.getByRole('textbox', { name: /^Instances/ });
  await instances.fill('8');
  await instances.press('Enter');
  await page.waitForFunction((before) => {
    const cells = document.querySelectorAll("[data-testid='compare'] tr[data-figure='first-bottleneck'] td");
    return cells.length === 2 && cells[0].textContent !== before;
  }, oursFirst);
  const [oursAfter, theirsAfter] = await cells('first-bottleneck');
  assert.ok(users(oursAfter) > users(oursFirst), `${oursAfter} later than ${oursFirst}`);
  assert.equal(theirsAfter, theirsBefore);
  // Choosing nothing ends the comparison.
  await page.getByTestId('compare-with').selectOption('');
  await page.waitForFunction(() => !document.querySelector("[data-testid='compare']"));
  assert.deepEqual(errors, []);
  await page.close();
});
