// The main thread's work per frame, from a performance trace of headless Chromium: the
// time the renderer's main thread spends in tasks (script, style, layout, paint) in each
// 16.7 ms frame window, as p50 / p95 / max (wall and CPU time), and every task over 50 ms.
// Shared by the editor's and the live run's benchmarks.
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const FRAME_MS = 1000 / 60;

const SCRIPT = new Set(['EventDispatch', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EvaluateScript', 'v8.compile', 'RunMicrotasks', 'V8.GC_SCAVENGER', 'MinorGC', 'MajorGC']);
const STYLE = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'ParseAuthorStyleSheet']);
const LAYOUT = new Set(['Layout', 'UpdateLayerTree']);
const PAINT = new Set(['Paint', 'PrePaint', 'Layerize', 'Commit', 'PaintImage', 'UpdateLayer', 'CompositeLayers']);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Sums of top-level intervals per category (nested events of one category count once). */
function categoryTotals(events) {
  const totals = { script: 0, style: 0, layout: 0, paint: 0 };
  for (const [name, set] of [['script', SCRIPT], ['style', STYLE], ['layout', LAYOUT], ['paint', PAINT]]) {
    let end = -Infinity;
    for (const e of events.filter((x) => set.has(x.name)).sort((a, b) => a.ts - b.ts)) {
      if (e.ts >= end) {
        totals[name] += e.dur / 1000;
        end = e.ts + e.dur;
      }
    }
  }
  return totals;
}

/**
 * Runs `gesture` under a performance trace and reports the main thread's work per frame
 * window: over the span of the input events it dispatched (`span: 'inputs'`, a gesture),
 * or over the whole traced time (`span: 'all'`, e.g. a playback with no input).
 */
export async function traced(page, gesture, name, { span = 'inputs', traceDir } = {}) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: process.env.BENCH_CATS ?? 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel', transferMode: 'ReportEvents' });
  await gesture();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await cdp.send('Tracing.end');
  await done;
  if (traceDir) {
    await mkdir(traceDir, { recursive: true });
    await writeFile(join(traceDir, `${name}.json`), JSON.stringify({ traceEvents: events }));
  }
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number');
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  const spanned = span === 'inputs' ? onMain.filter((e) => e.name === 'EventDispatch') : tasks;
  const start = Math.min(...spanned.map((e) => e.ts));
  const end = Math.max(...spanned.map((e) => e.ts + e.dur));
  const windows = Math.max(1, Math.ceil((end - start) / 1000 / FRAME_MS));
  // Wall time of tasks in each window, and their thread (CPU) time: on a machine shared
  // with other work the main thread is sometimes descheduled mid-task, which inflates wall
  // time but not CPU time.
  const busy = new Array(windows).fill(0);
  const cpu = new Array(windows).fill(0);
  for (const t of tasks) {
    for (let w = 0; w < windows; w += 1) {
      const a = start + w * FRAME_MS * 1000;
      const b = a + FRAME_MS * 1000;
      const overlap = Math.min(b, t.ts + t.dur) - Math.max(a, t.ts);
      if (overlap > 0) {
        busy[w] += overlap / 1000;
        cpu[w] += ((t.tdur ?? t.dur) * (overlap / Math.max(1, t.dur))) / 1000;
      }
    }
  }
  const inWindow = onMain.filter((e) => e.ts >= start && e.ts <= end);
  const long = tasks.filter((t) => t.dur / 1000 > 50 && t.ts >= start && t.ts <= end)
    .map((t) => ({ wall_ms: +(t.dur / 1000).toFixed(1), cpu_ms: +((t.tdur ?? t.dur) / 1000).toFixed(1) }));
  const totals = categoryTotals(inWindow);
  const perFrame = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, +(v / windows).toFixed(2)]));
  return {
    frames: windows,
    p50_ms: +percentile(busy, 50).toFixed(2),
    p95_ms: +percentile(busy, 95).toFixed(2),
    max_ms: +Math.max(...busy).toFixed(2),
    cpu_p50_ms: +percentile(cpu, 50).toFixed(2),
    cpu_p95_ms: +percentile(cpu, 95).toFixed(2),
    mean_by_kind_ms: perFrame,
    long_tasks_ms: long,
  };
}

