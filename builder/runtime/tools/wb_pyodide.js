// Runs Python in a stock Pyodide under Node: the farm's way to test wheels in the runtime people
// use. Reads one JSON request (argv[2]):
//   {"pyodide": DIR, "wheels": [WHEEL...], "mounts": [DIR...], "cwd": DIR, "env": {K: V},
//    "argv": [ARG...], "code": PYTHON}
// loads Pyodide from DIR, installs each wheel by unpacking it into site-packages and each shared-library
// package (.zip) into the dynlib directory, as Pyodide's loader would (.so files are loaded on import), mounts host directories at the same paths (NODEFS),
// then runs `code` with sys.argv = argv. The exit status is the code's (SystemExit), 1 for an
// uncaught exception, 2 when Pyodide itself failed.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const { loadPyodide } = require(path.join(request.pyodide, "pyodide.js"));
  const started = Date.now();
  const py = await loadPyodide({
    indexURL: request.pyodide + "/",
    env: Object.assign({ HOME: "/home/pyodide" }, request.env || {}),
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  if (request.verbose) process.stderr.write(`[Pyodide ${py.version} loaded in ${Date.now() - started} ms]\n`);
  for (const dir of request.mounts || []) {
    py.FS.mkdirTree(dir);
    py.FS.mount(py.FS.filesystems.NODEFS, { root: dir }, dir);
  }
  // Wheels are read on the Node side and handed to Python in Pyodide's own file system.
  py.FS.mkdirTree("/tmp/wb-wheels");
  const wheels = (request.wheels || []).map((file) => {
    const inside = "/tmp/wb-wheels/" + path.basename(file);
    py.FS.writeFile(inside, fs.readFileSync(file));
    return inside;
  });
  py.globals.set("_wb_wheels", py.toPy(wheels));
  py.globals.set("_wb_argv", py.toPy(request.argv || ["python"]));
  py.globals.set("_wb_cwd", request.cwd || "/home/pyodide");
  py.runPython(`
def _wb_setup(wheels, argv, cwd):
    import importlib, os, site, sys, zipfile
    from pyodide._package_loader import get_install_dir
    for wheel in wheels:
        # A .zip is a shared-library package: into the runtime's dynlib directory, as its loader does.
        target = get_install_dir("dynlib" if wheel.endswith(".zip") else "site")
        with zipfile.ZipFile(wheel) as z:
            z.extractall(target)
        os.remove(wheel)
    importlib.invalidate_caches()
    os.makedirs(cwd, exist_ok=True)
    os.chdir(cwd)
    sys.argv = list(argv)
_wb_setup(_wb_wheels, _wb_argv, _wb_cwd)
del _wb_setup, _wb_wheels, _wb_argv, _wb_cwd
`);
  // The code runs with top-level await; SystemExit becomes the status (Pyodide would otherwise let it
  // escape through its event loop).
  py.globals.set("_wb_code", request.code);
  try {
    await py.runPythonAsync(`
from pyodide.code import eval_code_async as _wb_eval
_wb_status = 0
try:
    await _wb_eval(_wb_code, globals())
except SystemExit as _wb_exit:
    _wb_status = _wb_exit.code if isinstance(_wb_exit.code, int) else (0 if _wb_exit.code is None else 1)
`);
  } catch (e) {
    process.stderr.write(String(e) + "\n");
    return 1;
  }
  return py.globals.get("_wb_status");
}

// Exit without running 'exit' listeners: with Pyodide 314, a process that used Brotli's compressor
// hangs in them (its main thread waiting on a futex) and never ends. Output is flushed first.
function leave(code) {
  let pending = 2;
  const done = () => { if (--pending === 0) process.reallyExit(code); };
  process.stdout.write("", done);
  process.stderr.write("", done);
}

main().then(
  (code) => leave(code),
  (e) => { process.stderr.write(`wb_pyodide: ${e && e.stack ? e.stack : e}\n`); leave(2); });
