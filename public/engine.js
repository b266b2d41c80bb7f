// Uses the engine's wasm-pack package (built into engine/pkg/ by `cargo xtask dist`):
// simulate(documentJson, optionsJson) -> reportJson and sweep(documentJson, optionsJson)
// -> sweepJson. Both throw an Error that says what is wrong with bad input.
import init, { simulate, sweep } from './engine/pkg/scalelab_wasm.js';

const $ = (id) => document.getElementById(id);
const count = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : 'unbounded');

function row(cells, className = '', tag = 'td') {
  const tr = document.createElement('tr');
  if (className) tr.className = className;
  for (const cell of cells) {
    const td = document.createElement(tag);
    td.textContent = cell;
    tr.append(td);
  }
  return tr;
}

async function run() {
  const name = $('design').value;
  const design = await (await fetch(`./examples/${name}.json`)).text();
  try {
    // A number goes in as one; anything else as typed, for the engine to refuse by name.
    const typed = $('users').value.replaceAll(',', '');
    const users = Number.isFinite(Number(typed)) && typed.trim() !== '' ? Number(typed) : typed;
    const report = JSON.parse(simulate(design, JSON.stringify({ users })));
    $('headline').className = '';
    $('headline').textContent = `${count(report.users)} users: ${count(report.entry_rps)} requests/s at the peak, `
      + `p99 ${count(report.latency.p99_ms)} ms, ${(report.error_rate * 100).toFixed(1)} % errors.`;
    $('components').replaceChildren(
      row(['component', 'load', 'requests/s', 'saturated'], '', 'th'),
      ...report.components.map((c) => row(
        [c.id, `${Math.round(c.load * 100)} %`, count(c.offered_rps), c.saturated ? `yes (${c.limit})` : 'no'],
        c.saturated ? 'saturated' : '',
      )),
    );
    const result = JSON.parse(sweep(design, JSON.stringify({ points: 31 })));
    $('breaks').replaceChildren(
      row(['component', 'saturates at', 'relieved by'], '', 'th'),
      ...result.breaks.map((b) => row([b.component, `${count(b.users)} users`, String(b.technique).replaceAll('_', ' ')])),
    );
  } catch (error) {
    $('headline').textContent = `The engine refused the design: ${error.message}`;
    $('headline').className = 'error';
  }
}

await init({ module_or_path: new URL('./engine/pkg/scalelab_wasm_bg.wasm', import.meta.url) });
$('run').addEventListener('click', run);
await run();
