// The page's main thread: the editor, the Run and Stop buttons, progress and output. The
// interpreter runs in a Web Worker (worker.js): browsers refuse to compile large wasm modules
// synchronously on the main thread, and extension modules are compiled synchronously when Python
// imports them. Stop ends the worker and starts a new one (the runtime then comes from the cache).
// State for people and tests: <body data-state="loading|ready|running|error">.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const code = $('code'), run = $('run'), stop = $('stop'), output = $('output'), status = $('status');
  const progress = $('progress');
  const params = new URLSearchParams(location.search);
  // Where the runtime and the repository are: this page's own tree, unless ?index= names another
  // repository (it must allow CORS, as `wasm-build index serve` does).
  const base = new URL('.', location.href);
  const index = params.get('index') ? new URL(params.get('index'), base) : base;
  const config = { type: 'init', runtime: new URL('runtime/', base).href, lock: new URL('pyodide-lock.json', index).href };
  let worker = null;
  window.wbPage = { ready: null, downloads: [] };  // for tests and the curious

  function setState(state) {
    document.body.dataset.state = state;
    run.disabled = state !== 'ready';
    stop.hidden = state !== 'running';
    if (state !== 'loading' && state !== 'running') progress.hidden = true;
  }
  function setStatus(text) { status.textContent = text; }
  function append(text, cls) {
    const span = document.createElement('span');
    if (cls) span.className = cls;
    span.textContent = text + '\n';
    output.appendChild(span);
  }
  const mib = (n) => (n / 1048576).toFixed(1) + ' MiB';

  function showProgress(msg) {
    progress.hidden = false;
    if (msg.total > 0) { progress.max = msg.total; progress.value = msg.loaded; } else { progress.removeAttribute('value'); }
    setStatus(`${msg.label}: ${msg.total > 0 ? `${mib(msg.loaded)} of ${mib(msg.total)}` : mib(msg.loaded)}`);
  }

  function onMessage(msg) {
    switch (msg.type) {
      case 'progress': showProgress(msg); break;
      case 'status': setStatus(msg.text); break;
      case 'stdout': append(msg.text); break;
      case 'stderr': append(msg.text, 'stderr'); break;
      case 'note': append(msg.text, 'note'); break;
      case 'ready':
        window.wbPage.ready = { seconds: msg.seconds, text: msg.text };
        window.wbPage.downloads = msg.downloads;
        setState('ready');
        setStatus(msg.text);
        break;
      case 'done':
        window.wbPage.downloads = msg.downloads;
        setState('ready');
        setStatus(msg.ok ? `Done in ${msg.seconds.toFixed(2)} s` : `Finished with an error after ${msg.seconds.toFixed(2)} s`);
        break;
      case 'error':  // a download or integrity failure: the text says which file and why
        append(msg.text, 'stderr');
        setState(msg.fatal ? 'error' : 'ready');
        setStatus(msg.text);
        break;
    }
  }

  function startWorker() {
    setState('loading');
    setStatus('Loading the Python runtime…');
    try {
      worker = new Worker('worker.js');
    } catch (e) {
      setState('error');
      setStatus('This browser cannot start a Web Worker here: ' + e.message);
      return;
    }
    worker.onmessage = (event) => onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      setState('error');
      setStatus('The Python worker stopped: ' + (event.message || 'unknown error'));
    };
    worker.postMessage(config);
  }

  function start() {
    if (document.body.dataset.state !== 'ready') return;
    output.textContent = '';
    setState('running');
    setStatus('Running…');
    worker.postMessage({ type: 'run', code: code.value });  // ready again on 'done' or 'error'
  }

  run.addEventListener('click', start);
  stop.addEventListener('click', () => {
    worker.terminate();
    append('Stopped. Python restarts with a fresh interpreter.', 'note');
    startWorker();
  });
  code.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); start(); }
    if (event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      code.setRangeText('    ', code.selectionStart, code.selectionEnd, 'end');
    }
  });
  if (params.get('code')) code.value = params.get('code');
  startWorker();
})();
