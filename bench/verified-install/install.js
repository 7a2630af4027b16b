// One timed install in a fresh stock Pyodide under Node, printing "SECONDS" on its last line:
//   node install.js PYODIDE_DIR BASE_URL plain|verified PACKAGE_DIR ROOT_FILE STATE_DIR PACKAGE...
// plain: micropip (loaded from BASE_URL/packages/) installs from BASE_URL/simple/;
// verified: verified_install.install() (metadata verified, every file checked, micropip bootstrapped
// from the verified index). The clock starts after Pyodide has loaded.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [pyodideDir, base, mode, pkgDir, rootFile, stateDir, ...packages] = process.argv.slice(2);
  const own = JSON.parse(fs.readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
  const { loadPyodide } = require(path.join(pyodideDir, "pyodide.js"));
  const py = await loadPyodide({ indexURL: pyodideDir + "/", lockFileContents: { info: own.info, packages: {} } });
  for (const dir of [pkgDir, path.dirname(rootFile)]) {
    py.FS.mkdirTree(dir);
    py.FS.mount(py.FS.filesystems.NODEFS, { root: dir }, dir);
  }
  py.globals.set("_args", py.toPy({ base, pkgDir, rootFile, stateDir, packages }));
  const started = performance.now();
  if (mode === "plain") {
    const micropip = fs.readdirSync(stateDir).find((f) => f.startsWith("micropip-"));
    await py.loadPackage(base + "packages/" + micropip);
    await py.runPythonAsync(`
import micropip
await micropip.install(_args["packages"], index_urls=[_args["base"] + "simple/{package_name}/"])`);
  } else {
    await py.runPythonAsync(`
import sys
sys.path.insert(0, _args["pkgDir"])
import verified_install
await verified_install.install(_args["packages"], _args["base"], root=open(_args["rootFile"], "rb").read(),
                               state=_args["stateDir"])`);
  }
  const seconds = (performance.now() - started) / 1000;
  await py.runPythonAsync("import numpy, PIL, lxml");
  console.log(seconds.toFixed(3));
}

main().catch((e) => { console.error("FAILED:", e && e.message ? e.message : e); process.exit(1); });
