// Loads side modules into a fresh stock Pyodide the way it loads a wheel's libraries
// (API.loadDynlib: dlopen RTLD_NOW|RTLD_LOCAL), then calls their wb_* exports and checks that the
// runtime still answers. usage: node load_in_pyodide.js PACKAGE_DIR DIR_IN_FS MODULE.so...
// The modules are written to DIR_IN_FS in the Pyodide file system and loaded in the order given.
const [dir, fsDir, ...files] = process.argv.slice(2);
const fs = require("fs");
const path = require("path");
const {loadPyodide} = require(`${dir}/pyodide.js`);
(async () => {
  const py = await loadPyodide();
  const M = py._module;
  py.FS.mkdirTree(fsDir);
  const str = s => { const p = M._malloc(64); M.stringToUTF8(s, p, 64); return p; };
  const calls = {
    wb_hypot_sum: ex => ex.wb_hypot_sum(3, 4),
    wb_now: ex => ex.wb_now(),
    wb_format: ex => { const p = M._malloc(64); return ex.wb_format(p, 64, 42) + ":" + M.UTF8ToString(p); },
    wb_sorted_first: ex => ex.wb_sorted_first(5),
    wb_try_parse: ex => ex.wb_try_parse(str("abc")) + "," + ex.wb_try_parse(str("")),
    wb_bump: ex => ex.wb_bump(),
    wb_call_missing: ex => ex.wb_call_missing(1),
    wb_sjlj: ex => ex.wb_sjlj(4),
    wb_wrong_sig: ex => ex.wb_wrong_sig(1.0),
    wb_wrong_js_sig: ex => ex.wb_wrong_js_sig(1),
    wb_provided: ex => ex.wb_provided(20),
    wb_use_provided: ex => ex.wb_use_provided(20),
  };
  const step = async (what, f) => {
    try { const r = await f(); console.log(`  ${what}: ok ${r === undefined ? "" : String(r)}`); return true; }
    catch (e) { console.log(`  ${what}: FAIL ${String(e?.message ?? e).replace(/\n/g, " | ")}`); return false; }
  };
  for (const file of files) {
    const target = `${fsDir}/${path.basename(file)}`;
    py.FS.writeFile(target, fs.readFileSync(file));
    console.log(`## ${path.basename(file)}`);
    if (!await step("load", () => py._api.loadDynlib(target))) continue;
    const ex = M.LDSO.loadedLibsByName[target].exports;
    for (const name of Object.keys(ex)) if (calls[name]) await step(`call ${name}`, () => calls[name](ex));
  }
  await step("runtime still alive", () => py.runPython("sum(range(10))"));
})();
