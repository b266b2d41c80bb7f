// The engine's Web Worker. It runs the page's own wasm (the same file: nothing more to
// download) and evaluates designs off the page's main thread, so the editor never waits.
//
// Messages from the page: ["load", glueUrl, wasmUrl] first, then [id, designJson, job, seconds]
// with job "evaluate", "sweep" or "run" (a live run that many seconds long). Answers:
// [id, true, result] (a Float64Array of the evaluation or the run, or the sweep as
// [Float64Array, reasons]), or [id, false, reason] when the design cannot
// be evaluated; ["crash", reason] when the engine itself failed, after which this worker
// ends and the page starts another.
let engine = null;
// Whether the sweep's code has run yet (see below).
let warm = false;

function crash(error) {
  self.postMessage(['crash', String(error)]);
  self.close();
}

self.onmessage = (event) => {
  const message = event.data;
  if (!Array.isArray(message)) return;
  if (message[0] === 'load') {
    engine = import(message[1])
      .then(async (glue) => {
        await glue.default({ module_or_path: message[2] });
        return glue;
      })
      .catch(crash);
    return;
  }
  const [id, json, job, seconds] = message;
  if (engine === null || typeof id !== 'number' || typeof json !== 'string') return;
  engine.then((glue) => {
    if (!glue) return;
    let result;
    try {
      if (job === 'sweep') result = glue.sweepDesign(json);
      else if (job === 'run') result = glue.runDesign(json, Number(seconds));
      else result = glue.evaluateDesign(json);
    } catch (error) {
      // The design's own problem comes as a string; anything else is the engine's failure
      // (a trap leaves the wasm unusable), so this worker ends.
      if (typeof error === 'string') {
        self.postMessage([id, false, error]);
        return;
      }
      crash(error);
      return;
    }
    self.postMessage([id, true, result], result instanceof Float64Array ? [result.buffer] : []);
    // The browser optimises wasm code once it has run for a while: a design's first sweep
    // took twice as long as the next ones. So once, after answering the first design, the
    // worker sweeps it and drops the answer; the user's first sweep then runs optimised code.
    if (!warm) {
      warm = true;
      try {
        glue.sweepDesign(json);
      } catch {
        // A design that cannot be swept warms nothing; the user's own sweep will say why.
      }
    }
  });
};
