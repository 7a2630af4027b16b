// The interpreter's side of the page, in a module Web Worker: stock Pyodide from this site's
// runtime/ (each file checked against runtime/runtime.json before it is used), then the repository.
// When runtime.json pins the repository (the sha256 of its first root and of the verifier wheel),
// verified_install checks its signed metadata and lock file, and every install reads only files
// whose sha256 targets.json signs; a refusal stops the repository's use, and Run then shows it
// instead of running code. Without a pin (a repository from another site, ?index=), micropip is
// taken from the repository's lock file and checks only the index's published sha256s.
// For every Run: install what the code imports, then run the code.
// Files the person picks are written into Python's working directory; what is there is listed after
// every run and read back on request (the page saves it as a download).
// Messages in: init, run, install, files, read. Out: progress, status, stdout, stderr, note,
// packages, workdir, file, ready, done, error (see app.js).
import { LoadError, Progress, download, downloads, failedWheels, installFetch, post, verify } from './download.mjs';

// The runtime files the worker needs, with the type each is served to Pyodide as.
const RUNTIME_FILES = {
  'pyodide.mjs': 'text/javascript', 'pyodide.asm.mjs': 'text/javascript',
  'pyodide.asm.wasm': 'application/wasm', 'python_stdlib.zip': 'application/zip',
};

const state = { py: null, helper: null, ready: false, verified: false, packagesError: null, refused: null, phases: {} };
const t0 = performance.now();
/// Seconds since the worker started, kept under `name` in the ready message's phases.
const mark = (name) => { state.phases[name] = +((performance.now() - t0) / 1000).toFixed(3); };

/// Downloads the runtime files in parallel (progress in bytes) and checks each one's sha256.
async function fetchRuntime(runtimeURL) {
  const manifestBytes = await download(runtimeURL + 'runtime.json', 'the runtime manifest (runtime/runtime.json)',
                                       null, { cache: 'no-cache' });
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
  const progress = new Progress(`Downloading Pyodide ${manifest.pyodide}`);
  const names = Object.keys(RUNTIME_FILES);
  for (const name of names) {
    if (!manifest.files[name]) throw new LoadError(`runtime/runtime.json does not list ${name}: republish the site`);
    progress.expect(manifest.files[name].size);
  }
  const bytes = await Promise.all(names.map((name) => download(runtimeURL + name, 'runtime/' + name, progress)));
  mark('downloaded');
  post('status', { text: 'Checking the runtime…' });
  await Promise.all(names.map((name, i) => verify(bytes[i], manifest.files[name].sha256, 'runtime/' + name,
                                                  'runtime/runtime.json')));
  return { manifest, files: Object.fromEntries(names.map((name, i) => [name, bytes[i]])) };
}

/// The repository's lock file and its micropip wheel (checked against the lock file's sha256).
async function fetchRepository(lockURL) {
  const lockBytes = await download(lockURL, 'the lock file (pyodide-lock.json)', null, { cache: 'no-cache' });
  let lock;
  try {
    lock = JSON.parse(new TextDecoder().decode(lockBytes));
  } catch (e) {
    throw new LoadError(`The lock file ${lockURL} is not valid JSON: ${e.message}`);
  }
  const entry = Object.values(lock.packages || {}).find((p) => p.name === 'micropip');
  if (!entry) throw new LoadError(`The repository's lock file (${lockURL}) lists no micropip, which installs its packages.`);
  const url = new URL(entry.file_name.includes('/') ? entry.file_name : 'packages/' + entry.file_name, lockURL).href;
  const wheel = await download(url, entry.file_name, null);
  await verify(wheel, entry.sha256, entry.file_name, 'the lock file');
  return { lock, lockText: new TextDecoder().decode(lockBytes), micropip: wheel };
}

/// The verifier's wheel (verified_install), checked against the sha256 runtime.json pins.
async function fetchVerifier(indexURL, pin) {
  const url = new URL('packages/' + pin.verifier.file_name, indexURL).href;
  const wheel = await download(url, pin.verifier.file_name, null);
  await verify(wheel, pin.verifier.sha256, pin.verifier.file_name, 'runtime/runtime.json');
  return wheel;
}

function streams(py) {
  for (const [name, set] of [['stdout', 'setStdout'], ['stderr', 'setStderr']]) {
    const decoder = new TextDecoder();
    py[set]({ write: (buffer) => { post(name, { text: decoder.decode(buffer, { stream: true }) }); return buffer.length; } });
  }
  py.setStdin({ stdin: () => null });  // input() reads end-of-file
}

async function start(msg) {
  post('status', { text: 'Downloading Python…' });
  const indexURL = new URL('.', msg.lock).href;
  const manifestPromise = fetchRuntime(msg.runtime);
  manifestPromise.catch(() => {});
  // The pin is the site's: it covers the repository published with it, not one named by ?index=.
  const pinned = manifestPromise.then(({ manifest }) => (msg.sameRepository ? manifest.repository || null : null));
  const repository = pinned.then((pin) => (pin ? fetchVerifier(indexURL, pin).then((wheel) => ({ pin, wheel }))
                                               : fetchRepository(msg.lock)));
  repository.catch(() => {});  // reported below, after the runtime
  const { manifest, files } = await manifestPromise;
  mark('checked');
  post('status', { text: 'Starting Python…' });
  const blob = (name) => URL.createObjectURL(new Blob([files[name]], { type: RUNTIME_FILES[name] }));
  installFetch(new Map(['pyodide.asm.wasm', 'python_stdlib.zip'].map(
    (name) => [msg.runtime + name, { bytes: files[name], type: RUNTIME_FILES[name] }])));
  const { loadPyodide } = await import(blob('pyodide.mjs'));
  const asm = await import(blob('pyodide.asm.mjs'));
  const py = await loadPyodide({
    indexURL: msg.runtime,
    createPyodideModule: asm.default,
    // The runtime's own lock file names packages on a CDN: every package comes from our index.
    lockFileContents: { info: manifest.lock_info, packages: {} },
    env: { PYTHONDONTWRITEBYTECODE: '1' },
  });
  installFetch(new Map());  // the checked bytes are no longer needed
  mark('python_started');
  streams(py);
  const helper = await download(new URL('wb_page.py', self.location.href).href, 'the page helper (wb_page.py)', null);
  py.FS.mkdirTree('/lib/wasm-build');
  py.FS.writeFile('/lib/wasm-build/wb_page.py', helper);
  py.runPython("import sys; sys.path.insert(0, '/lib/wasm-build')");
  state.py = py;
  state.helper = py.pyimport('wb_page');
  try {
    const repo = await repository;
    const site = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
    let lock;
    if (repo.pin) {
      py.unpackArchive(repo.wheel, 'wheel', { extractDir: site });
      post('status', { text: 'Verifying the signed index…' });
      try {
        lock = JSON.parse(await state.helper.configure_verified(indexURL, repo.pin.root_sha256));
      } catch (e) {
        const why = e.type ? lastLine(e.message) : String(e);  // a Python exception: its message
        state.refused = `Refused the package index: ${why}. Nothing from it is used, and code does not run ` +
                        'until the page is loaded from an index that verifies.';
        throw new LoadError(state.refused);
      }
      mark('index_verified');
      state.verified = true;
    } else {
      py.unpackArchive(repo.micropip, 'wheel', { extractDir: site });
      state.helper.configure(repo.lockText, new URL('simple/', msg.lock).href + '{package_name}/');
      lock = repo.lock;
      post('note', { text: 'This repository is not pinned by this site: micropip checks its wheels against the ' +
                           'sha256 its index publishes, but its signed metadata is not verified.' });
    }
    state.ready = true;
    mark('micropip_ready');
    postPackages(lock);
    const mismatch = compatibility(lock.info || {}, manifest.lock_info || {});
    if (mismatch) post('note', { text: mismatch });
  } catch (e) {
    state.packagesError = e instanceof LoadError ? e.message : 'The package index could not be used: ' + e;
    post('packages', { error: state.packagesError });
    post('note', { text: state.packagesError + (state.refused ? '' : ' Python runs without the repository’s packages.') });
  }
  return manifest;
}

/// A note when the repository was published for another Python than this runtime's.
function compatibility(repo, runtime) {
  const minor = (v) => String(v || '').split('.').slice(0, 2).join('.');
  if (!repo.python || !runtime.python || minor(repo.python) === minor(runtime.python)) return null;
  return `The repository is for Python ${repo.python} (${repo.abi_version || repo.platform}), this page runs ` +
         `Python ${runtime.python}: micropip will not find wheels it can install.`;
}

function postPackages(lock) {
  const list = Object.values(lock ? lock.packages || {} : {}).map((p) => ({ name: p.name, version: p.version }));
  post('packages', { list: lock ? list : undefined, installed: JSON.parse(state.helper.installed()) });
}

/// Installs packages with micropip; throws LoadError with micropip's reason when it fails.
async function install(names, why) {
  if (!state.ready) throw new LoadError(state.packagesError || 'The package index is not available.');
  post('status', { text: `Installing ${names.join(', ')} with micropip${why}…` });
  failedWheels.length = 0;
  const result = JSON.parse(await state.helper.install(JSON.stringify(names)));
  for (const [name, version] of result.installed) {
    post('note', { text: `Installed ${name} ${version} from the index ` +
                         (state.verified ? '(verified: signed metadata, sha256 and length)' : '(sha256 checked by micropip)') });
  }
  postPackages(null);
  if (!result.ok) throw new LoadError(failedWheels.length ? failedWheels.join('\n') : result.message);
}

/// The last line of a Python exception's text (its message, without the traceback).
const lastLine = (text) => String(text).trim().split('\n').pop().replace(/^[\w.]*(VerificationError|FetchError): /, '');

async function runCode(code) {
  if (state.refused) throw new LoadError(state.refused);
  const names = state.ready ? JSON.parse(state.helper.wanted(code)) : [];
  if (names.length) await install(names, ' for the imports');
  post('status', { text: 'Running…' });
  return await state.helper.run(code);
}

/// Python's working directory (Pyodide's: /home/pyodide) and the regular files in it.
function listWorkdir() {
  const py = state.py, cwd = py.FS.cwd(), files = [];
  for (const name of py.FS.readdir(cwd)) {
    if (name === '.' || name === '..') continue;
    const stat = py.FS.stat(cwd + '/' + name);
    if (py.FS.isFile(stat.mode)) files.push({ name, size: stat.size });
  }
  post('workdir', { files: files.sort((a, b) => a.name.localeCompare(b.name)) });
}

/// A picked file's name as a plain name in the working directory (no directories, no dot names).
const plainName = (name) => { const base = String(name).replace(/[/\\]/g, '_'); return /^\.*$/.test(base) ? '_' + base : base; };

function addFiles(files, quiet) {
  const cwd = state.py.FS.cwd();
  for (const f of files) {
    const name = plainName(f.name);
    state.py.FS.writeFile(cwd + '/' + name, f.bytes);
    if (!quiet) post('note', { text: `Added ${name} (${f.bytes.length} bytes) to ${cwd}, Python's working directory` });
  }
  listWorkdir();
}

let queue = Promise.resolve();
self.onmessage = (event) => {
  const msg = event.data;
  queue = queue.then(async () => {
    const t0 = performance.now();
    const seconds = () => (performance.now() - t0) / 1000;
    try {
      if (msg.type === 'init') {
        const manifest = await start(msg);
        const bytes = downloads().reduce((n, d) => n + d.transfer, 0);
        const offline = downloads().some((d) => d.url.endsWith('/pyodide.asm.wasm') && d.source === 'offline-copy');
        const from = bytes > 1048576 ? `${(bytes / 1048576).toFixed(1)} MiB downloaded`
                                     : offline ? 'runtime from the offline copy' : 'runtime from the browser cache';
        post('ready', { phases: state.phases, text: `Python ${manifest.lock_info.python} is ready (Pyodide ${manifest.pyodide}, ` +
                              `${seconds().toFixed(1)} s, ${from})`, seconds: seconds(), downloads: downloads() });
      } else if (msg.type === 'run' && state.py) {
        const ok = await runCode(msg.code);
        listWorkdir();
        post('done', { ok, seconds: seconds(), downloads: downloads() });
      } else if (msg.type === 'install' && state.py) {
        await install(msg.names, '');
        post('done', { ok: true, seconds: seconds(), downloads: downloads(), text: `Installed ${msg.names.join(', ')}` });
      } else if (msg.type === 'files' && state.py) {
        addFiles(msg.files, msg.quiet);
      } else if (msg.type === 'read' && state.py) {
        const name = plainName(msg.name);
        post('file', { name, bytes: state.py.FS.readFile(state.py.FS.cwd() + '/' + name) });
      }
    } catch (e) {
      const text = e instanceof LoadError ? e.message : (msg.type === 'init' ? 'Python could not start: ' : 'Error: ') + e;
      post('error', { fatal: msg.type === 'init', text, downloads: downloads() });
    }
  });
};
