// Loads packages from a published repository with stock Pyodide's own loader (the npm package of a
// platform's runtime, from `wasm-build runtime`):
//   node index_pyodide_load.js PYODIDE_DIR REPO PACKAGE[,PACKAGE...] IMPORT...
// loadPyodide reads REPO's pyodide-lock.json (lockFileURL; Pyodide 314 refuses one whose
// info.abi_version is not its own), resolves PACKAGE's dependencies from "depends", installs the
// wheels from REPO/packages/ (packageBaseUrl: file_name is relative), and the imports must then
// succeed. With LOAD_CHECK set, that Python code then runs too (an exception fails). Prints the
// loader's messages and "loaded: ..." on success; exits 1 on any failure.
const path = require("path");
const [pyodideDir, repo, pkg, ...imports] = process.argv.slice(2);
const { loadPyodide } = require(path.join(pyodideDir, "pyodide.js"));
const failed = (e) => {
  console.error("FAILED:", e && e.message ? e.message : e);
  process.exit(1);
};
process.on("uncaughtException", failed);  // the lock file is checked outside loadPyodide's promise

(async () => {
  const py = await loadPyodide({
    indexURL: pyodideDir + "/",
    lockFileURL: path.join(repo, "pyodide-lock.json"),
    packageBaseUrl: path.join(repo, "packages") + "/",
    stdout: (line) => console.log(line),
    stderr: (line) => console.error(line),
  });
  const errors = [];
  await py.loadPackage(pkg.split(","), { messageCallback: (m) => console.log(m), errorCallback: (m) => errors.push(m) });
  if (errors.length) throw new Error(errors.join("\n"));
  const names = py.runPython(
    `import importlib\n` +
    `mods = [importlib.import_module(m) for m in ${JSON.stringify(imports)}]\n` +
    `",".join(m.__name__ for m in mods)`);
  if (process.env.LOAD_CHECK) py.runPython(process.env.LOAD_CHECK);
  console.log("loaded: " + names);
})().catch(failed);
