// The page's main thread: the editor (CodeMirror, vendor/codemirror.mjs; the plain textarea if it
// cannot load), Run and Stop, the package picker, progress and output, files picked into Python's
// working directory and saved back, the code kept across reloads and shared as a link, and the
// offline copy (sw.js). Python runs in a module Web Worker (worker.mjs): extension modules are
// compiled synchronously when Python imports them, which browsers allow for large wasm modules only
// off the main thread, and the page stays responsive while Python runs. Stop ends the worker and
// starts a new one (the runtime then comes from the offline copy or the browser's cache). State for
// people and tests: <body data-state="loading|ready|running|error">.

const $ = (id) => document.getElementById(id);
const textarea = $('code'), run = $('run'), stop = $('stop'), output = $('output'), status = $('status');
const progress = $('progress'), list = $('package-list'), filter = $('package-filter'), listStatus = $('packages-status');
const shareButton = $('share'), shareLink = $('share-link'), openFiles = $('open-files'), filesInput = $('files');
const workdir = $('workdir'), fileList = $('file-list'), offlineStatus = $('offline-status'), clearOffline = $('clear-offline');
const params = new URLSearchParams(location.search);
// Runtime from this page's own tree; the repository too, unless ?index= names another one (it must
// allow CORS, as `wasm-build index serve` does).
const base = new URL('.', location.href);
const index = params.get('index') ? new URL(params.get('index').replace(/\/?$/, '/'), base) : base;
const config = { type: 'init', runtime: new URL('runtime/', base).href, lock: new URL('pyodide-lock.json', index).href,
                 sameRepository: index.href === base.href };
let worker = null;
let packages = { list: [], installed: {} };
const editor = { getCode: () => textarea.value, setCode: (text) => { textarea.value = text; }, focus: () => textarea.focus() };
window.wbPage = { ready: null, downloads: [], editor, packages: null, offline: null, files: [] };  // for tests and the curious

function setState(state) {
  document.body.dataset.state = state;
  run.disabled = state !== 'ready';
  stop.hidden = state !== 'running';
  for (const button of list.querySelectorAll('button')) button.disabled = state !== 'ready';
  for (const button of fileList.querySelectorAll('button')) button.disabled = state !== 'ready';
  if (state !== 'loading' && state !== 'running') progress.hidden = true;
}
const setStatus = (text) => { status.textContent = text; };
function append(text, cls) {
  const span = document.createElement('span');
  if (cls) span.className = cls;
  span.textContent = text;
  output.appendChild(span);
}
const line = (text, cls) => append(text + '\n', cls);
const mib = (n) => (n / 1048576).toFixed(1) + ' MiB';

function showProgress(msg) {
  progress.hidden = false;
  progress.max = msg.total; progress.value = msg.loaded;
  setStatus(`${msg.label}: ${mib(msg.loaded)} of ${mib(msg.total)}`);
}

// --- the package picker ------------------------------------------------------------------------

function renderPackages() {
  list.textContent = '';
  const wanted = filter.value.trim().toLowerCase();
  for (const p of packages.list) {
    if (wanted && !p.name.toLowerCase().includes(wanted)) continue;
    const key = p.name.toLowerCase().replace(/[-_.]+/g, '-');
    const li = document.createElement('li');
    li.dataset.name = p.name;
    li.dataset.installed = key in packages.installed;
    li.innerHTML = '<span class="name"></span> <span class="version"></span> ';
    li.querySelector('.name').textContent = p.name;
    li.querySelector('.version').textContent = p.version;
    if (key in packages.installed) {
      const mark = document.createElement('span');
      mark.className = 'installed';
      mark.textContent = 'installed';
      li.append(mark);
    } else {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Install';
      button.setAttribute('aria-label', `Install ${p.name} ${p.version}`);
      button.disabled = document.body.dataset.state !== 'ready';
      button.addEventListener('click', () => install(p.name));
      li.append(button);
    }
    list.append(li);
  }
  filter.hidden = packages.list.length < 8;
  listStatus.textContent = packages.error ||
    `${packages.list.length} packages, ${Object.keys(packages.installed).length} installed (micropip included)`;
  listStatus.className = packages.error ? 'stderr' : '';
  window.wbPage.packages = packages;
}

function install(name) {
  if (document.body.dataset.state !== 'ready') return;
  setState('running');
  line(`Installing ${name}…`, 'note');
  worker.postMessage({ type: 'install', names: [name] });
}

// --- the worker --------------------------------------------------------------------------------

function onMessage(msg) {
  switch (msg.type) {
    case 'progress': showProgress(msg); break;
    case 'status': setStatus(msg.text); break;
    case 'stdout': append(msg.text); break;
    case 'stderr': append(msg.text, 'stderr'); break;
    case 'note': line(msg.text, 'note'); break;
    case 'packages':
      if (msg.error) packages.error = msg.error;
      if (msg.list) packages.list = msg.list.sort((a, b) => a.name.localeCompare(b.name));
      if (msg.installed) packages.installed = msg.installed;
      renderPackages();
      break;
    case 'workdir': renderFiles(msg.files); break;
    case 'file': saveFile(msg.name, msg.bytes); break;
    case 'ready':
      showOffline();
      window.wbPage.ready = { seconds: msg.seconds, text: msg.text, phases: msg.phases };
      window.wbPage.downloads = msg.downloads;
      setState('ready');
      setStatus(msg.text);
      break;
    case 'done':
      showOffline();
      window.wbPage.downloads = msg.downloads;
      setState('ready');
      setStatus(msg.text || (msg.ok ? `Done in ${msg.seconds.toFixed(2)} s`
                                    : `Finished with an error after ${msg.seconds.toFixed(2)} s`));
      break;
    case 'error':  // a download, integrity or install failure: the text says which file and why
      if (msg.downloads) window.wbPage.downloads = msg.downloads;
      line(msg.text, 'stderr');
      setState(msg.fatal ? 'error' : 'ready');
      setStatus(msg.text);
      break;
  }
}

function startWorker() {
  setState('loading');
  setStatus('Loading Python…');
  packages = { list: packages.list, installed: {} };
  try {
    worker = new Worker('worker.mjs', { type: 'module' });
  } catch (e) {
    setState('error');
    setStatus('This browser cannot start a module Web Worker here: ' + e.message);
    return;
  }
  worker.onmessage = (event) => onMessage(event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    setState('error');
    setStatus('The Python worker stopped: ' + (event.message || 'it could not be loaded'));
  };
  worker.postMessage(config);
  if (picked.length) worker.postMessage({ type: 'files', files: picked, quiet: true });  // after a Stop
}

function start() {
  if (document.body.dataset.state !== 'ready') return;
  output.textContent = '';
  setState('running');
  setStatus('Running…');
  saveCode();
  worker.postMessage({ type: 'run', code: editor.getCode() });  // ready again on 'done' or 'error'
}

run.addEventListener('click', start);
stop.addEventListener('click', () => {
  worker.terminate();
  line('Stopped. Python restarts with a fresh interpreter.', 'note');
  startWorker();
});
filter.addEventListener('input', renderPackages);

// The editor: CodeMirror from this site. Until it loads, and if it cannot, the textarea works.
function plainKeys(event) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); start(); }
}
textarea.addEventListener('keydown', plainKeys);
import('./vendor/codemirror.mjs').then(({ createEditor }) => {
  const cm = createEditor(textarea, { onRun: start, label: 'Python code' });
  textarea.removeEventListener('keydown', plainKeys);
  Object.assign(editor, cm);
  document.body.dataset.editor = 'codemirror';
}).catch((e) => {
  document.body.dataset.editor = 'textarea';
  console.warn('The editor could not be loaded, using a plain text area:', e);
});

// --- the code: kept in this browser across reloads, shared as a link ----------------------------
// The link carries the code in its fragment (#code=, base64url of UTF-8): browsers never send a
// fragment to the server. It wins over ?code= and over the code kept from the last visit.

const CODE_KEY = 'wb-page-code';
let savedCode = null;

function encodeCode(text) {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function codeFromFragment() {
  const m = /^#code=([A-Za-z0-9_-]*)$/.exec(location.hash);
  if (!m) return null;
  try {
    const binary = atob(m[1].replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch (e) {
    console.warn('The link\'s #code= is not base64url of UTF-8 text; ignored');
    return null;
  }
}

function storedCode() {
  try { return localStorage.getItem(CODE_KEY); } catch (e) { return null; }
}

function saveCode() {
  const code = editor.getCode();
  if (code === savedCode) return;
  try { localStorage.setItem(CODE_KEY, code); savedCode = code; } catch (e) { /* storage refused: not kept */ }
}
setInterval(saveCode, 1000);
addEventListener('pagehide', saveCode);

shareButton.addEventListener('click', () => {
  const link = new URL(location.href);
  link.searchParams.delete('code');
  link.hash = 'code=' + encodeCode(editor.getCode());
  history.replaceState(null, '', link.href);
  shareLink.value = link.href;
  shareLink.hidden = false;
  shareLink.select();
  const copied = navigator.clipboard ? navigator.clipboard.writeText(link.href) : Promise.reject(new Error('no clipboard'));
  copied.then(() => setStatus('Link copied: the code is in its fragment, which is never sent to a server'),
              () => setStatus('Copy the link above: the code is in its fragment, which is never sent to a server'));
});

// --- files: picked into Python's working directory, saved back as downloads ----------------------
// They stay in this tab: read here, copied into Pyodide's in-memory file system, and kept by the
// page so that Python started again after Stop has them too.

const picked = [];

async function addFiles(files) {
  const added = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const at = picked.findIndex((p) => p.name === file.name);
    if (at >= 0) picked.splice(at, 1);
    picked.push({ name: file.name, bytes });
    added.push({ name: file.name, bytes });
  }
  if (added.length && worker) worker.postMessage({ type: 'files', files: added });
}

openFiles.addEventListener('click', async () => {
  if (!window.showOpenFilePicker) { filesInput.click(); return; }
  try {  // the File System Access API where the browser has it
    const handles = await window.showOpenFilePicker({ multiple: true });
    await addFiles(await Promise.all(handles.map((h) => h.getFile())));
  } catch (e) {
    if (e.name !== 'AbortError') filesInput.click();
  }
});
filesInput.addEventListener('change', async () => {
  await addFiles(Array.from(filesInput.files));
  filesInput.value = '';
});

function renderFiles(files) {
  window.wbPage.files = files;
  fileList.textContent = '';
  for (const f of files) {
    const li = document.createElement('li');
    li.dataset.name = f.name;
    li.innerHTML = '<span class="name"></span><span class="size"></span>';
    li.querySelector('.name').textContent = f.name;
    li.querySelector('.size').textContent = f.size < 10240 ? `${f.size} B` : `${(f.size / 1024).toFixed(0)} KiB`;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = 'Download';
    button.setAttribute('aria-label', `Download ${f.name}`);
    button.disabled = document.body.dataset.state !== 'ready';
    button.addEventListener('click', () => worker.postMessage({ type: 'read', name: f.name }));
    li.append(button);
    fileList.append(li);
  }
  workdir.hidden = files.length === 0;
}

function saveFile(name, bytes) {
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// --- the offline copy (sw.js) ----------------------------------------------------------------

/// Registers the service worker and waits (at most 10 s) until it controls the page, so that the
/// first visit's downloads already fill the offline copy. A note when there can be none.
async function offlineSetup() {
  if (!('serviceWorker' in navigator)) {
    return 'No offline copy: this browser allows service workers only on https or localhost.';
  }
  try {
    await navigator.serviceWorker.register('sw.js');
    if (!navigator.serviceWorker.controller) {
      await Promise.race([
        new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })),
        new Promise((resolve) => setTimeout(resolve, 10000))]);
    }
  } catch (e) {
    return 'No offline copy: the service worker could not be registered (' + e.message + ').';
  }
  return null;
}

/// Shows what the offline copy holds (files by sha256, and the origin's storage use).
async function showOffline() {
  if (!('caches' in self) || !('serviceWorker' in navigator)) return;
  const entries = [];
  const content = await caches.open('wb-content-v1');
  for (const request of await content.keys()) {
    const response = await content.match(request);
    entries.push({ path: response.headers.get('X-Wb-Path'), sha256: request.url.split('/').pop(),
                   size: Number(response.headers.get('Content-Length')) || 0 });
  }
  const estimate = navigator.storage && navigator.storage.estimate ? await navigator.storage.estimate() : {};
  const bytes = entries.reduce((n, e) => n + e.size, 0);
  const wheels = entries.filter((e) => (e.path || '').endsWith('.whl')).length;
  window.wbPage.offline = { controlled: !!navigator.serviceWorker.controller, entries, usage: estimate.usage ?? null,
                            quota: estimate.quota ?? null };
  offlineStatus.textContent = entries.length
    ? `Kept for offline use: ${mib(bytes)} (${entries.length - wheels} runtime files, ${wheels} wheels, checked by sha256)` +
      (estimate.usage ? `; this site uses ${mib(estimate.usage)} of this browser’s storage.` : '.')
    : 'Nothing kept for offline use yet.';
  clearOffline.hidden = entries.length === 0;
}

clearOffline.addEventListener('click', async () => {
  for (const name of await caches.keys()) if (name.startsWith('wb-')) await caches.delete(name);
  await showOffline();
  offlineStatus.textContent += ' Cleared: the next visit downloads Python again.';
});

// --- start -------------------------------------------------------------------------------------

textarea.value = codeFromFragment() ?? params.get('code') ?? storedCode() ?? textarea.value;
offlineSetup().then((note) => {
  if (note) offlineStatus.textContent = note;
  startWorker();
});
window.wbPage.refreshOffline = showOffline;  // tests wait on it for the stores to finish
