// The engine's speed in wasm, under Node: the same day run and sweep the native
// criterion benchmarks time (tests/bench/layered-100.json is the generated 100-component
// design at a billion users with the daily curve). Usage:
//   node tests/bench/engine-wasm.mjs <dir of the wasm-bindgen --target nodejs output>
// Prints the best and the median of several runs of each, in milliseconds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dir = resolve(process.argv[2] ?? '');
const engine = createRequire(import.meta.url)(join(dir, 'scalelab_wasm.js'));
const design = readFileSync(join(here, 'layered-100.json'), 'utf8');

function time(label, target, runs, f) {
  const times = [];
  let out = '';
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    out = f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(80)} best ${times[0].toFixed(1).padStart(7)} ms  median ${median.toFixed(1).padStart(7)} ms  target ${target}`);
  return out;
}

console.log(`wasm engine under Node ${process.version}: best and median of repeated runs, wall clock`);
time('flow engine: 86,400 one-second steps, 100 components, 1B users, daily curve', '<= 200 ms', 7, () =>
  engine.benchFlowDay(design));
time('sweep: 61 points from 1K to 1B users, 100 components', '<= 100 ms (browser)', 7, () => engine.benchSweep(design));
// With the JSON a page gets back (the day's report holds 2,000 samples of 100 components).
const day = time('the same day through simulate(), its report as JSON', '-', 3, () =>
  engine.simulate(design, '{"seconds": 86400}'));
const sweep = time('the same sweep through sweep(), as JSON', '-', 7, () => engine.sweep(design, ''));
const run = JSON.parse(day);
console.log(`(the day's report: ${(day.length / 1e6).toFixed(1)} MB of JSON, ${run.full_passes} full passes and ${run.levels} demand levels; the sweep: ${JSON.parse(sweep).points.length} points)`);
