// The demo post's side of the embed protocol (docs/embedding.md): size each frame to the
// height its embed asks for, show each embed's result, and send a design and a run to the
// editable one. Messages are trusted only from the frames' own windows.
const frames = [...document.querySelectorAll('iframe')];
const origin = new URL('./', location.href).origin;

function frameOf(source) {
  return frames.find((frame) => frame.contentWindow === source);
}

function describe(summary) {
  const rps = Math.round(summary.entry_rps).toLocaleString('en');
  const verdict = summary.saturated.length ? `saturated: ${summary.saturated.join(', ')}` : 'nothing saturated';
  return `${Math.round(summary.users).toLocaleString('en')} users, ${rps} requests/s at peak, ${verdict}.`;
}

window.addEventListener('message', (event) => {
  const frame = frameOf(event.source);
  if (!frame || event.origin !== origin || typeof event.data !== 'object' || event.data === null) return;
  const { type } = event.data;
  const log = document.getElementById(`${frame.id}-result`);
  if (type === 'ready') frame.dataset.ready = 'true';
  if (type === 'resize' && Number.isFinite(event.data.height)) {
    frame.style.height = `${Math.min(Math.max(event.data.height, 240), 900)}px`;
  }
  if (type === 'result' && log) log.textContent = `The embed reports: ${describe(event.data.summary)}`;
  if (type === 'error' && log) log.textContent = `The embed says: ${event.data.message}`;
});

const editable = document.getElementById('editable');
document.getElementById('load-stage-3').addEventListener('click', async () => {
  const response = await fetch('./examples/stage-3-cdn-sharding.json');
  editable.contentWindow.postMessage({ type: 'load', document: await response.json() }, origin);
});
document.getElementById('run-editable').addEventListener('click', () => {
  editable.contentWindow.postMessage({ type: 'run' }, origin);
});
