// Prints what a stock Pyodide's loader offers side modules: the keys of Emscripten's `wasmImports`
// (the "__main__" DSO's exports are that very object), with their kind, after loadPyodide().
// usage: node --experimental-wasm-type-reflection dump_runtime_symbols.js PACKAGE_DIR > symbols.json
// The names digest (sha256 of the sorted names, one per line) is what runtime_abi_test.cpp checks.
const dir = process.argv[2];
const {loadPyodide} = require(`${dir}/pyodide.js`);
(async () => {
  const py = await loadPyodide();
  const provided = py._module.LDSO.loadedLibsByName["__main__"].exports;
  const out = {};
  for (const [name, v] of Object.entries(provided)) {
    let kind = typeof v;
    const info = {};
    if (v instanceof WebAssembly.Global) kind = "global";
    else if (v instanceof WebAssembly.Memory) kind = "memory";
    else if (v instanceof WebAssembly.Table) kind = "table";
    else if (v instanceof WebAssembly.Tag) kind = "tag";
    else if (typeof v === "function") {
      const src = Function.prototype.toString.call(v);
      kind = /^function \d+\(\) \{ \[native code\] \}$/.test(src) ? "wasmfunc" : "jsfunc";
      if (v.sig) info.sig = v.sig;
      if (WebAssembly.Function?.type && kind === "wasmfunc") info.type = WebAssembly.Function.type(v);
    }
    out[name] = {kind, ...info};
  }
  const names = Object.keys(out).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = require("crypto").createHash("sha256").update(names.join("\n") + "\n").digest("hex");
  console.error(`${names.length} names, sha256 ${digest}`);
  console.log(JSON.stringify(out));
})();
