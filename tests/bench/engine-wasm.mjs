// The engine's speed in wasm, under Node: the same day run and sweep the native
// criterion benchmarks time (tests/bench/layered-100.json is the generated 100-component
// design at a billion users with the daily curve), and the request engine's two
// benchmark networks (the same as crates/sim/examples/request_speed.rs). Usage:
//   node tests/bench/engine-wasm.mjs <dir of the wasm-bindgen --target nodejs output> [only]
// where `only` is `flow` or `request` to run one part. Prints the best and the median of
// several runs of each, in milliseconds (and events per second for the request engine).
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

const only = process.argv[3] ?? '';
console.log(`wasm engine under Node ${process.version}: best and median of repeated runs, wall clock`);
if (only !== 'request') {
  time('flow engine: 86,400 one-second steps, 100 components, 1B users, daily curve', '<= 200 ms', 7, () =>
    engine.benchFlowDay(design));
  time('sweep: 61 points from 1K to 1B users, 100 components', '<= 100 ms (browser)', 7, () => engine.benchSweep(design));
  // With the JSON a page gets back (the day's report holds 2,000 samples of 100 components).
  const day = time('the same day through simulate(), its report as JSON', '-', 3, () =>
    engine.simulate(design, '{"seconds": 86400}'));
  const sweep = time('the same sweep through sweep(), as JSON', '-', 7, () => engine.sweep(design, ''));
  const run = JSON.parse(day);
  console.log(`(the day's report: ${(day.length / 1e6).toFixed(1)} MB of JSON, ${run.full_passes} full passes and ${run.levels} demand levels; the sweep: ${JSON.parse(sweep).points.length} points)`);
}

// The request engine: 2M events per run, best of 7 (the first also warms the JIT), by
// wall clock and by the process's CPU time (user + system, all of Node's threads), which a
// loaded machine disturbs less.
if (only !== 'flow') {
  const EVENTS = 2e6;
  for (const [label, target, run] of [
    ['request engine (a): tandem of 6 M/M/c, rho 0.7', '>= 30M/s native, wasm within 1.5x', engine.benchRequestTandem],
    ['request engine (b): 6 layers x 33 M/M/32, rho 0.85', '-', engine.benchRequestLayers],
  ]) {
    const walls = [];
    const cpus = [];
    for (let i = 0; i < 7; i += 1) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const events = run(EVENTS);
      walls.push(performance.now() - start);
      const used = process.cpuUsage(cpu);
      cpus.push((used.user + used.system) / 1e3);
      if (events !== EVENTS) throw new Error(`${label}: ran ${events} events, not ${EVENTS}`);
    }
    walls.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    const rate = (ms) => `${(EVENTS / ms / 1e3).toFixed(1)}M`;
    console.log(`${label.padEnd(60)} events/s: best ${rate(walls[0])} wall, ${rate(cpus[0])} CPU; median ${rate(walls[3])} wall, ${rate(cpus[3])} CPU  target ${target}`);
  }
}
