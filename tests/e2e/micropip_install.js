// The real client: stock Pyodide (npm) under Node loads micropip from our repository and installs
// packages from our simple index (PEP 691 JSON, PEP 658 metadata, sha256 checked by micropip),
// then runs Python with them and prints micropip.freeze() as JSON on the last line.
//   node micropip_install.js PYODIDE_DIR BASE_URL MICROPIP_FILE CODE PACKAGE...
// Pyodide is loaded with an empty lock file (its own lists packages on a CDN this machine cannot
// reach), so every package comes from BASE_URL.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [pyodideDir, base, micropipFile, code, ...packages] = process.argv.slice(2);
  const own = JSON.parse(fs.readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
  const { loadPyodide } = require(path.join(pyodideDir, "pyodide.js"));
  const py = await loadPyodide({ indexURL: pyodideDir + "/", lockFileContents: { info: own.info, packages: {} } });
  await py.loadPackage(base + "packages/" + micropipFile);
  const micropip = py.pyimport("micropip");
  micropip.set_index_urls([base + "simple/{package_name}/"]);
  await micropip.install(packages);
  console.log(`installed ${packages.join(", ")} with micropip ${micropip.__version__} into Pyodide ${py.version}`);
  await py.runPythonAsync(code);
  console.log(micropip.freeze());
}

main().catch((e) => { console.error("FAILED:", e && e.message ? e.message : e); process.exit(1); });
