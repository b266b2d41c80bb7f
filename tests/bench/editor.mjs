// The editor's speed on a large design, measured in headless Chromium: 1,000 components
// and 1,500 links, then 2 s each of dragging a component, panning and zooming.
//
// Frame intervals in headless Chromium are fixed at ~16.7 ms and say nothing, so this
// reports the main thread's work: from a performance trace, the time the renderer's main
// thread spends in tasks (script, style, layout, paint) in each 16.7 ms frame window,
// as p50 / p95 / max, and every task over 50 ms.
//
// The machine it runs on may be shared, and a descheduled main thread inflates wall time:
// each gesture is repeated BENCH_RUNS times (default 3) and both the best run (lowest p95)
// and the median run are reported, labelled as such. BENCH_TRACE=DIR writes each run's
// trace events there (open them in a browser's performance panel).
import { serveDist, launchBrowser } from '../e2e/support.mjs';
import { FRAME_MS, traced } from './trace.mjs';

const GESTURE_MS = 2000;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
// BENCH_ONLY=pan,zoom measures only those gestures (for experiments).
const ONLY = process.env.BENCH_ONLY?.split(',');

/** users -> 10 load balancers -> 600 services -> 389 databases and caches; 1,500 links. */
function topology() {
  const components = [{ id: 'users', kind: 'users', label: 'Users', pos_world: { x: 0, y: 0 } }];
  const links = [];
  const place = (i, column, rows) => ({ x: 300 + column * 260, y: (i % rows) * 100 + Math.floor(i / rows) * 7 });
  for (let i = 0; i < 10; i += 1) {
    components.push({ id: `lb-${i}`, kind: 'load_balancer', label: `LB ${i}`, pos_world: place(i, 0, 10) });
    links.push({ from: 'users', to: `lb-${i}` });
  }
  for (let i = 0; i < 600; i += 1) {
    components.push({ id: `svc-${i}`, kind: 'service', label: `Service ${i}`, pos_world: place(i % 40, 1 + Math.floor(i / 40), 40) });
    links.push({ from: `lb-${i % 10}`, to: `svc-${i}` });
  }
  for (let i = 0; i < 389; i += 1) {
    const kind = i % 3 === 0 ? 'cache' : 'database';
    components.push({ id: `data-${i}`, kind, label: `Data ${i}`, pos_world: place(i % 40, 17 + Math.floor(i / 40), 40) });
  }
  for (let i = 0; i < 600; i += 1) {
    links.push({ from: `svc-${i}`, to: `data-${i % 389}` });
    if (i < 290) links.push({ from: `svc-${i}`, to: `data-${(i * 7 + 1) % 389}` });
  }
  const seen = new Set();
  const unique = links.filter((l) => !seen.has(`${l.from}>${l.to}`) && seen.add(`${l.from}>${l.to}`));
  return { schema_version: 1, name: 'Benchmark: 1,000 components', components, links: unique, traffic: { users: 1000000 } };
}

async function paced(step) {
  const begin = Date.now();
  let i = 0;
  while (Date.now() - begin < GESTURE_MS) {
    await step(i);
    i += 1;
    const next = begin + i * FRAME_MS;
    const wait = next - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

const server = await serveDist('/');
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const doc = JSON.stringify(topology());
  await page.addInitScript((text) => localStorage.setItem('scalelab.autosave', text), doc);
  const loadStart = Date.now();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelectorAll('.node').length === 1000, null, { timeout: 60000 });
  const loadMs = Date.now() - loadStart;
  const links = await page.locator('.link').count();
  const canvas = await page.getByTestId('canvas').boundingBox();
  const results = { load_ms: loadMs, components: 1000, links };

  const gestures = {
    async drag() {
      const node = await page.locator(".node[data-id='svc-45'] .body").boundingBox();
      const from = { x: node.x + node.width / 2, y: node.y + node.height / 2 };
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await paced((i) => page.mouse.move(from.x + 80 * Math.sin(i / 10), from.y + 60 * Math.cos(i / 13)));
      await page.mouse.up();
    },
    // Pan: drag on empty canvas (below the design's top rows, left of it).
    async pan() {
      const empty = { x: canvas.x + 20, y: canvas.y + canvas.height - 20 };
      await page.mouse.move(empty.x, empty.y);
      await page.mouse.down();
      await paced((i) => page.mouse.move(empty.x + 100 * Math.sin(i / 10), empty.y - 60 + 60 * Math.cos(i / 13)));
      await page.mouse.up();
    },
    async zoom() {
      const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
      await page.mouse.move(middle.x, middle.y);
      await page.keyboard.down('Control');
      await paced((i) => page.mouse.wheel(0, i % 40 < 20 ? -30 : 30));
      await page.keyboard.up('Control');
    },
  };
  const runs = Object.fromEntries(Object.keys(gestures).filter((g) => !ONLY || ONLY.includes(g)).map((g) => [g, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const name of Object.keys(runs)) {
      // Every run starts from the loaded view: Shift+1 fits everything, as on load.
      await page.keyboard.press('Shift+Digit1');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const dragged = page.locator(".node[data-id='svc-45']");
      const before = await dragged.evaluate((n) => `${n.dataset.x},${n.dataset.y}`);
      runs[name].push(await traced(page, gestures[name], `${name}-${run + 1}`, { traceDir: process.env.BENCH_TRACE }));
      if (name === 'drag') {
        // A drag that grabbed nothing would measure nothing: check it moved the component,
        // then undo it, so every run starts from the same design.
        const after = await dragged.evaluate((n) => `${n.dataset.x},${n.dataset.y}`);
        if (after === before) throw new Error(`drag run ${run + 1} did not move the component`);
        await page.keyboard.press('Control+KeyZ');
        await page.waitForFunction((at) => {
          const n = document.querySelector(".node[data-id='svc-45']");
          return `${n.dataset.x},${n.dataset.y}` === at;
        }, before);
      }
    }
  }
  // The best run (lowest p95) and the median run by p95, per gesture.
  for (const name of Object.keys(runs)) {
    const byP95 = [...runs[name]].sort((a, b) => a.p95_ms - b.p95_ms);
    results[name] = { best: byP95[0], median: byP95[Math.floor((byP95.length - 1) / 2)], p95_ms_of_runs: runs[name].map((r) => r.p95_ms) };
  }
  console.log(JSON.stringify(results, null, 2));
  const line = (r) =>
    `p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms, max ${r.max_ms} ms (CPU p50 ${r.cpu_p50_ms}, p95 ${r.cpu_p95_ms}); tasks over 50 ms: ${r.long_tasks_ms.length}`;
  for (const name of Object.keys(runs)) {
    console.log(`bench ${name.padEnd(4)} best of ${RUNS}: work per frame ${line(results[name].best)}`);
    console.log(`bench ${name.padEnd(4)} median of ${RUNS}: work per frame ${line(results[name].median)}`);
  }
  const all = Object.values(runs).flat();
  const worstBest = Math.max(...Object.keys(runs).map((n) => results[n].best.p95_ms));
  const worstMedian = Math.max(...Object.keys(runs).map((n) => results[n].median.p95_ms));
  const longTasks = all.flatMap((r) => r.long_tasks_ms).length;
  console.log(
    `bench: worst gesture's p95 work per frame ${worstBest.toFixed(2)} ms in its best run, ${worstMedian.toFixed(2)} ms in its median run (target <= 8 ms); tasks over 50 ms in all ${all.length} runs: ${longTasks}`,
  );
} finally {
  await browser.close();
  await server.close();
}
