// Loads packages from a published repository with Pyodide's own loader (npm pyodide 0.23.4):
// `node index_pyodide_load.js PYODIDE_DIR REPO PACKAGE IMPORT...`. The loader reads REPO's
// pyodide-lock.json (it refuses one whose info.version differs from its own), resolves the
// package's dependencies from "depends", installs the wheels from REPO/packages/, and the imports
// must then succeed. Prints "loaded: ..." on success, exits 1 on any failure.
const path = require("path");
const [pyodideDir, repo, pkg, ...imports] = process.argv.slice(2);
const { loadPyodide } = require(path.join(pyodideDir, "pyodide.js"));

(async () => {
  const py = await loadPyodide({
    indexURL: pyodideDir + "/",
    lockFileURL: path.join(repo, "pyodide-lock.json"),
    packageCacheDir: path.join(repo, "packages") + "/",
  });
  await py.loadPackage(pkg);
  const names = py.runPython(
    `import importlib\n` +
    `mods = [importlib.import_module(m) for m in ${JSON.stringify(imports)}]\n` +
    `",".join(m.__name__ for m in mods)`);
  console.log("loaded: " + names);
})().catch((e) => {
  console.error("FAILED:", e && e.message ? e.message : e);
  process.exit(1);
});
