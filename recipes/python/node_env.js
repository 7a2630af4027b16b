// Linked in front of the interpreter (--pre-js): Emscripten starts programs with a fixed, minimal
// environment; this gives the interpreter the Node process's variables (PYTHONPATH, HOME, ...).
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof process === 'object' && process.env) {
    for (var key in process.env) ENV[key] = process.env[key];
  }
});

// Emscripten 3.1.6 implements dup(), dup3() and fcntl(F_DUPFD) by opening the path again with the
// stream's stored flags; when those still hold O_CREAT|O_EXCL|O_TRUNC, the duplicate empties the file
// (np.save(path) wrote a zeroed header) or fails. Those flags only act when a file is opened (Linux's
// F_GETFL does not report them either), so they are dropped from the stored flags after each open.
Module['preRun'].push(function () {
  var open = FS.open;
  FS.open = function () {
    var stream = open.apply(this, arguments);
    if (stream && typeof stream.flags === 'number') stream.flags &= ~(0x40 | 0x80 | 0x200);
    return stream;
  };
});
