// The page's main thread: the editor, the Run button, progress and output. The interpreter runs in
// a Web Worker (worker.js): browsers refuse to compile large wasm modules synchronously on the main
// thread, and extension modules are compiled synchronously when Python imports them.
// State for people and tests: <body data-state="loading|ready|running|error">.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const code = $('code'), run = $('run'), output = $('output'), status = $('status'), progress = $('progress');
  const params = new URLSearchParams(location.search);
  let ready = false;
  window.wbPage = { ready: null, downloads: [] };  // for tests and the curious

  function setState(state) { document.body.dataset.state = state; }
  function setStatus(text) { status.textContent = text; }
  function append(text, cls) {
    const span = document.createElement('span');
    if (cls) span.className = cls;
    span.textContent = text;
    output.appendChild(span);
  }
  function mib(n) { return (n / 1048576).toFixed(1) + ' MiB'; }

  function showProgress(msg) {
    progress.hidden = false;
    if (msg.total > 0) { progress.max = msg.total; progress.value = msg.loaded; } else { progress.removeAttribute('value'); }
    const amount = msg.total > 0 ? `${mib(msg.loaded)} of ${mib(msg.total)}` : mib(msg.loaded);
    setStatus(`${msg.label}: ${amount}`);
  }

  function fail(message) {
    ready = false;
    run.disabled = true;
    progress.hidden = true;
    setState('error');
    setStatus(message);
  }

  let worker;
  try {
    worker = new Worker('worker.js');
  } catch (e) {
    fail('This browser cannot start a Web Worker here: ' + e.message);
    return;
  }
  worker.onmessage = (event) => {
    const msg = event.data;
    switch (msg.type) {
      case 'progress': showProgress(msg); break;
      case 'status': setStatus(msg.text); break;
      case 'stdout': append(msg.text + '\n'); break;
      case 'stderr': append(msg.text + '\n', 'stderr'); break;
      case 'note': append(msg.text + '\n', 'note'); break;
      case 'ready':
        window.wbPage.ready = { seconds: msg.seconds, text: msg.text };
        window.wbPage.downloads = msg.downloads;
        ready = true;
        run.disabled = false;
        progress.hidden = true;
        setState('ready');
        setStatus(msg.text);
        break;
      case 'done':
        window.wbPage.downloads = msg.downloads;
        ready = true;
        run.disabled = false;
        progress.hidden = true;
        setState('ready');
        setStatus(msg.ok ? `Done in ${msg.seconds.toFixed(2)} s` : `Finished with an error after ${msg.seconds.toFixed(2)} s`);
        break;
      case 'error':
        // A download or integrity failure: the message says which file and why.
        append(msg.text + '\n', 'stderr');
        if (msg.fatal) { fail(msg.text); break; }
        ready = true;
        run.disabled = false;
        progress.hidden = true;
        setState('ready');
        setStatus(msg.text);
        break;
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail('The Python worker stopped: ' + (event.message || 'unknown error'));
  };

  function start() {
    if (!ready) return;
    ready = false;
    run.disabled = true;
    output.textContent = '';
    setState('running');
    setStatus('Running…');
    worker.postMessage({ type: 'run', code: code.value });  // ready again on 'done' or 'error'
  }
  run.addEventListener('click', start);
  code.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); start(); }
    if (event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      const at = code.selectionStart;
      code.setRangeText('    ', at, code.selectionEnd, 'end');
    }
  });
  if (params.get('code')) code.value = params.get('code');

  // Where the runtime and the repository are: this page's own tree, unless ?index= names another
  // repository (it must allow CORS, as `wasm-build index serve` does).
  const base = new URL('.', location.href);
  const index = params.get('index') ? new URL(params.get('index'), base) : base;
  worker.postMessage({ type: 'init', runtime: new URL('runtime/', base).href, lock: new URL('pyodide-lock.json', index).href });
})();
