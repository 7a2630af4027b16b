// The interpreter's side of the page, in a Web Worker. It downloads the browser build of the wasm
// CPython (runtime/python.js, python.wasm, python.data), checks each file against
// runtime/runtime.json, starts CPython once and keeps it, and for every Run: finds what the code
// imports, installs the packages it needs from the repository's pyodide-lock.json (each wheel's
// sha256 checked before it is written into the interpreter's file system), then runs the code.
// Messages to the page: progress, status, stdout, stderr, note, ready, done, error.
'use strict';

const SITE = '/lib/python3.11/site-packages';
const HELPER_DIR = '/lib/wasm-build';
const RUNTIME_FILES = ['python.js', 'python.wasm', 'python.data'];

const state = { runtimeURL: null, lockURL: null, lock: null, lockError: null, installed: new Set() };

class LoadError extends Error {}

function post(type, fields) { self.postMessage(Object.assign({ type }, fields || {})); }

/// What crossed the network for each file fetched so far (Resource Timing): transfer is 0 when the
/// browser's cache answered, a few hundred bytes for a revalidation (304), else the whole file.
function downloads() {
  return performance.getEntriesByType('resource').filter((e) => e.name.startsWith('http')).map((e) => ({
    url: e.name, transfer: e.transferSize, size: e.decodedBodySize, ms: Math.round(e.duration) }));
}

/// Reports bytes as they arrive, at most ten times a second. The total comes from expect() (sizes
/// known beforehand) or, with fromHeaders, from each response's Content-Length.
class Progress {
  constructor(label, fromHeaders) {
    this.label = label; this.fromHeaders = !!fromHeaders; this.loaded = 0; this.total = 0; this.last = 0;
  }
  expect(n) { this.total += n; }
  add(n) {
    this.loaded += n;
    const now = Date.now();
    if (now - this.last > 100 || this.loaded >= this.total) {
      this.last = now;
      post('progress', { label: this.label, loaded: this.loaded, total: Math.max(this.total, this.loaded) });
    }
  }
}

async function download(url, label, progress, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (e) {
    throw new LoadError(`Could not download ${label} (${url}): ${e.message}. Is the server reachable?`);
  }
  if (!response.ok) {
    throw new LoadError(`Could not download ${label} (${url}): HTTP ${response.status} ${response.statusText}`);
  }
  if (progress && progress.fromHeaders) progress.expect(Number(response.headers.get('Content-Length')) || 0);
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (progress) progress.add(whole.length);
    return whole;
  }
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      if (progress) progress.add(value.length);
    }
  } catch (e) {
    throw new LoadError(`The download of ${label} (${url}) broke off: ${e.message}`);
  }
  const bytes = new Uint8Array(size);  // its buffer holds exactly the file
  let at = 0;
  for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
  return bytes;
}

async function sha256(bytes) {
  if (self.crypto && self.crypto.subtle) {
    const digest = new Uint8Array(await self.crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  // Not a secure context (plain HTTP from another host): the same check in JavaScript.
  if (typeof sha256Hex === 'undefined') importScripts('sha256.js');
  return sha256Hex(bytes);
}

async function verify(bytes, expected, label) {
  if (!/^[0-9a-f]{64}$/.test(expected || '')) {
    throw new LoadError(`Refused ${label}: no sha256 is published for it, so it cannot be checked.`);
  }
  const got = await sha256(bytes);
  if (got !== expected) {
    throw new LoadError(`Refused ${label}: its sha256 is ${got}, but the repository published ${expected}. ` +
                        'The file was changed or damaged after publishing; it was not used.');
  }
}

// --- the interpreter ---------------------------------------------------------------------------

/// Runs Python source with PyRun_SimpleString (in __main__); true when it raised nothing.
function pyRun(source) {
  const bytes = new TextEncoder().encode(source);
  const ptr = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, ptr);
  HEAPU8[ptr + bytes.length] = 0;
  try {
    return _PyRun_SimpleString(ptr) === 0;
  } finally {
    _free(ptr);
  }
}

async function startRuntime() {
  post('status', { text: 'Downloading the Python runtime…' });
  const manifestBytes = await download(state.runtimeURL + 'runtime.json', 'the runtime manifest (runtime/runtime.json)',
                                       null, { cache: 'no-cache' });
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
  const progress = new Progress('Downloading the Python runtime');
  for (const name of RUNTIME_FILES) progress.expect(manifest.files[name].size);
  const [js, wasm, data] = await Promise.all(
    RUNTIME_FILES.map((name) => download(state.runtimeURL + name, 'runtime/' + name, progress)));
  post('status', { text: 'Checking the runtime…' });
  await Promise.all(RUNTIME_FILES.map((name, i) => verify([js, wasm, data][i], manifest.files[name].sha256, 'runtime/' + name)));
  post('status', { text: 'Starting Python…' });
  await new Promise((resolve, reject) => {
    self.Module = {
      noInitialRun: true,
      wasmBinary: wasm,
      getPreloadedPackage: () => data.buffer,  // the standard library, packed by --preload-file
      locateFile: (path) => state.runtimeURL + path,
      print: (line) => post('stdout', { text: line }),
      printErr: (line) => post('stderr', { text: line }),
      stdin: () => null,
      onRuntimeInitialized: resolve,
      onAbort: (what) => reject(new LoadError('The Python runtime stopped: ' + what)),
    };
    importScripts(URL.createObjectURL(new Blob([js], { type: 'text/javascript' })));
  });
  const helper = await download(new URL('wb_page.py', self.location.href).href, 'the page helper (wb_page.py)', null);
  FS.mkdirTree(SITE);
  FS.mkdirTree(HELPER_DIR);
  FS.mkdirTree('/tmp/wheels');
  FS.writeFile(HELPER_DIR + '/wb_page.py', helper);
  ENV.PYTHONDONTWRITEBYTECODE = '1';
  _Py_InitializeEx(0);
  if (!pyRun(`import sys\nsys.path[:0] = [${JSON.stringify(HELPER_DIR)}]\nsys.path.append(${JSON.stringify(SITE)})\n` +
             'import wb_page\n')) {
    throw new LoadError('Python started, but its set-up failed (see the output above).');
  }
}

// --- packages ----------------------------------------------------------------------------------

const canonical = (name) => name.toLowerCase().replace(/[-_.]+/g, '-');

async function getLock() {
  if (state.lock) return state.lock;
  const bytes = await download(state.lockURL, 'the lock file (pyodide-lock.json)', null, { cache: 'no-cache' });
  let lock;
  try {
    lock = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new LoadError(`The lock file ${state.lockURL} is not valid JSON: ${e.message}`);
  }
  const packages = {};
  for (const entry of Object.values(lock.packages || {})) packages[canonical(entry.name)] = entry;
  state.lock = { info: lock.info || {}, packages };
  return state.lock;
}

/// The packages (dependencies first) that provide the imported names and are not installed yet.
function plan(lock, importNames) {
  const byImport = {};
  for (const [key, entry] of Object.entries(lock.packages)) for (const name of entry.imports || []) byImport[name] = key;
  const order = [];
  const visit = (key, neededBy) => {
    const entry = lock.packages[key];
    if (!entry) throw new LoadError(`${neededBy} needs ${key}, which the lock file does not list.`);
    if (order.includes(key) || state.installed.has(key)) return;
    for (const dep of entry.depends || []) visit(canonical(dep), entry.name);
    order.push(key);
  };
  for (const name of importNames) if (byImport[name]) visit(byImport[name], 'the code');
  return order;
}

async function installFor(importNames) {
  const lock = await getLock();
  const keys = plan(lock, importNames);
  if (!keys.length) return;
  const entries = keys.map((key) => lock.packages[key]);
  const label = 'Downloading ' + entries.map((e) => `${e.name} ${e.version}`).join(', ');
  post('status', { text: label + '…' });
  const progress = new Progress(label, true);
  const wheels = await Promise.all(entries.map((e) => {
    const url = new URL(e.file_name.includes('/') ? e.file_name : 'packages/' + e.file_name, state.lockURL).href;
    return download(url, e.file_name, progress);
  }));
  // Every wheel is checked before any is installed.
  await Promise.all(entries.map((e, i) => verify(wheels[i], e.sha256, e.file_name)));
  entries.forEach((e, i) => {
    const path = '/tmp/wheels/' + e.file_name;
    FS.writeFile(path, wheels[i]);
    const ok = pyRun(`wb_page.install(${JSON.stringify(path)}, ${JSON.stringify(SITE)})`);
    FS.unlink(path);
    if (!ok) throw new LoadError(`Could not unpack ${e.file_name} (see the output above).`);
    state.installed.add(keys[i]);
    post('note', { text: `Installed ${e.name} ${e.version} (${(wheels[i].length / 1048576).toFixed(1)} MiB, sha256 checked)` });
  });
}

async function runCode(code) {
  const started = performance.now();
  FS.writeFile('/tmp/editor.py', code);
  pyRun("wb_page.find_imports('/tmp/editor.py', '/tmp/imports.json')");
  const names = JSON.parse(FS.readFile('/tmp/imports.json', { encoding: 'utf8' }));
  await installFor(names);
  post('status', { text: 'Running…' });
  pyRun("wb_page.run('/tmp/editor.py', '/tmp/status')");
  const ok = FS.readFile('/tmp/status', { encoding: 'utf8' }) === '0';
  post('done', { ok, seconds: (performance.now() - started) / 1000, downloads: downloads() });
}

// --- messages ----------------------------------------------------------------------------------

let queue = Promise.resolve();
let started = false;

self.onmessage = (event) => {
  const msg = event.data;
  queue = queue.then(async () => {
    if (msg.type === 'init') {
      state.runtimeURL = msg.runtime;
      state.lockURL = msg.lock;
      const t0 = performance.now();
      try {
        await startRuntime();
        started = true;
        const seconds = (performance.now() - t0) / 1000;
        const fetched = downloads();
        const bytes = fetched.reduce((n, d) => n + d.transfer, 0);
        const from = bytes > 1048576 ? `${(bytes / 1048576).toFixed(1)} MiB downloaded` : 'runtime from the browser cache';
        post('ready', { text: `Python is ready (${seconds.toFixed(1)} s, ${from})`, seconds, downloads: fetched });
      } catch (e) {
        post('error', { fatal: true, text: e instanceof LoadError ? e.message : 'The Python runtime could not start: ' + e });
      }
    } else if (msg.type === 'run' && started) {
      try {
        await runCode(msg.code);
      } catch (e) {
        post('error', { fatal: false, text: e instanceof LoadError ? e.message : 'Error: ' + e });
      }
    }
  });
};
