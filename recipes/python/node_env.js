// Linked in front of the interpreter (--pre-js): Emscripten starts programs with a fixed, minimal
// environment; this gives the interpreter the Node process's variables (PYTHONPATH, HOME, ...).
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof process === 'object' && process.env) {
    for (var key in process.env) ENV[key] = process.env[key];
  }
});
