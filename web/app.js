// The page's main thread: the editor (CodeMirror, vendor/codemirror.mjs; the plain textarea if it
// cannot load), Run and Stop, the package picker, progress and output. Python runs in a module Web
// Worker (worker.mjs): extension modules are compiled synchronously when Python imports them,
// which browsers allow for large wasm modules only off the main thread, and the page stays
// responsive while Python runs. Stop ends the worker and starts a new one (the runtime then comes
// from the browser's cache). State for people and tests: <body data-state="loading|ready|running|error">.

const $ = (id) => document.getElementById(id);
const textarea = $('code'), run = $('run'), stop = $('stop'), output = $('output'), status = $('status');
const progress = $('progress'), list = $('package-list'), filter = $('package-filter'), listStatus = $('packages-status');
const params = new URLSearchParams(location.search);
// Runtime from this page's own tree; the repository too, unless ?index= names another one (it must
// allow CORS, as `wasm-build index serve` does).
const base = new URL('.', location.href);
const index = params.get('index') ? new URL(params.get('index').replace(/\/?$/, '/'), base) : base;
const config = { type: 'init', runtime: new URL('runtime/', base).href, lock: new URL('pyodide-lock.json', index).href };
let worker = null;
let packages = { list: [], installed: {} };
const editor = { getCode: () => textarea.value, setCode: (text) => { textarea.value = text; }, focus: () => textarea.focus() };
window.wbPage = { ready: null, downloads: [], editor, packages: null };  // for tests and the curious

function setState(state) {
  document.body.dataset.state = state;
  run.disabled = state !== 'ready';
  stop.hidden = state !== 'running';
  for (const button of list.querySelectorAll('button')) button.disabled = state !== 'ready';
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
    case 'ready':
      window.wbPage.ready = { seconds: msg.seconds, text: msg.text, phases: msg.phases };
      window.wbPage.downloads = msg.downloads;
      setState('ready');
      setStatus(msg.text);
      break;
    case 'done':
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
}

function start() {
  if (document.body.dataset.state !== 'ready') return;
  output.textContent = '';
  setState('running');
  setStatus('Running…');
  worker.postMessage({ type: 'run', code: editor.getCode() });  // ready again on 'done' or 'error'
}

run.addEventListener('click', start);
stop.addEventListener('click', () => {
  worker.terminate();
  line('Stopped. Python restarts with a fresh interpreter.', 'note');
  startWorker();
});
filter.addEventListener('input', renderPackages);
if (params.get('code')) textarea.value = params.get('code');
startWorker();

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
