// Drives the browser page (web/) in Debian's headless Chromium with playwright-core, like a person:
// open the page, wait for Python, put code into the editor, press Run, read the output.
//
//   node page_run.js --url URL [ACTION]... [--stop-after SECONDS] [--visits N] [--profile DIR]
//                    [--timeout SECONDS] [--offline 1] [--downloads-dir DIR]
//
// ACTIONs, done in order on each visit once Python is ready:
//   --code TEXT        paste TEXT into the editor (replacing what is there) and press Run
//   --ctrl-enter TEXT  the same, but run with Ctrl+Enter in the editor
//   --type TEXT        type TEXT into the emptied editor key by key (a newline presses Enter, so the
//                      editor's auto-indent applies); nothing runs
//   --install NAME     press Install beside NAME in the package picker
//   --pick FILE        choose FILE with the page's file input (as "Open files…" does)
//   --download NAME    press Download beside NAME in the working directory's file list; the saved
//                      file's text is in the result (saved under --downloads-dir)
//   --share 1          press Share; the link is in the result
//   --clear-offline 1  press "Clear offline copy"
//   --tamper-cache S   flip bytes of the offline copy of the file whose path ends with S (as damage
//                      on disk would); nothing runs
// --offline 1: the browser has no network at all on every visit (playwright's offline mode); the
// page must come from its service worker's copy.
// --stop-after: press Stop that long after the first action starts.
//
// Each visit starts the browser anew on the same profile (so the second visit sees the disk cache
// of the first) and prints one JSON line: the page's state and status, the seconds until Python was
// ready, the editor (which one, its text, the highlighted tokens), the package picker, each
// action's output, status, seconds and editor (the last one's also as output/run_seconds), and
// what the worker downloaded (bytes that crossed the network per file, from Resource Timing).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ACTIONS = ['code', 'ctrl-enter', 'type', 'install', 'pick', 'download', 'share', 'clear-offline', 'tamper-cache'];
const QUICK = ['type', 'pick', 'download', 'share', 'clear-offline', 'tamper-cache'];  // nothing runs

function parseArgs(argv) {
  const args = { visits: 1, timeout: 180, actions: [], profile: null, url: null, 'stop-after': null, offline: null,
                 'downloads-dir': null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (i + 1 >= argv.length) throw new Error('no value for ' + argv[i]);
    if (ACTIONS.includes(key)) args.actions.push({ kind: key, value: argv[i + 1] });
    else if (key in args && key !== 'actions') {
      args[key] = ['visits', 'timeout', 'stop-after', 'offline'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
    } else throw new Error('unknown option ' + argv[i]);
  }
  if (!args.url) throw new Error('--url is required');
  return args;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
                       '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const settled = (page, timeout) => page.waitForFunction(
  () => ['ready', 'error'].includes(document.body.dataset.state), null, { timeout });

/// The editor as a person sees it: which one, its text, and the highlighted tokens.
function editorState(page) {
  return page.evaluate(() => ({
    kind: document.body.dataset.editor || null,
    text: window.wbPage.editor.getCode(),
    tokens: Array.from(document.querySelectorAll('.cm-content [class*="tok-"]'),
                       (e) => ({ cls: e.className, text: e.textContent })),
  }));
}

async function replaceCode(page, text) {
  if (await page.evaluate(() => document.body.dataset.editor === 'codemirror')) {
    await page.fill('.cm-content', text);  // like a paste: no auto-indent or bracket closing
  } else {
    await page.fill('#code', text);
  }
}

async function act(page, action, args, first) {
  const t0 = Date.now();
  const extra = {};
  if (action.kind === 'code' || action.kind === 'ctrl-enter') {
    await replaceCode(page, action.value);
    if (action.kind === 'code') await page.click('#run');
    else { await page.focus('.cm-content'); await page.keyboard.press('Control+Enter'); }
  } else if (action.kind === 'type') {
    await replaceCode(page, '');
    await page.focus('.cm-content');
    for (const [i, part] of action.value.split('\n').entries()) {
      if (i > 0) await page.keyboard.press('Enter');
      await page.keyboard.type(part);
    }
  } else if (action.kind === 'install') {
    await page.click(`#package-list li[data-name="${action.value}"] button`);
  } else if (action.kind === 'pick') {
    const notes = await page.locator('#output .note').count();
    await page.setInputFiles('#files', action.value);
    await page.waitForFunction((n) => document.querySelectorAll('#output .note').length > n, notes, { timeout: 30000 });
  } else if (action.kind === 'download') {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.click(`#file-list li[data-name="${action.value}"] button`)]);
    const dir = args['downloads-dir'] || os.tmpdir();
    const to = path.join(dir, download.suggestedFilename());
    await download.saveAs(to);
    extra.downloaded = { name: download.suggestedFilename(), text: fs.readFileSync(to, 'utf8') };
  } else if (action.kind === 'share') {
    await page.click('#share');
    extra.link = await page.inputValue('#share-link');
  } else if (action.kind === 'clear-offline') {
    await page.click('#clear-offline');
    await page.waitForFunction(() => window.wbPage.offline && window.wbPage.offline.entries.length === 0, null, { timeout: 10000 });
  } else if (action.kind === 'tamper-cache') {
    extra.tampered = await page.evaluate(async (part) => {
      const cache = await caches.open('wb-content-v1');
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const name = response.headers.get('X-Wb-Path') || '';
        if (!name.endsWith(part)) continue;
        const bytes = new Uint8Array(await response.arrayBuffer());
        for (const at of [bytes.length >> 2, bytes.length >> 1]) bytes[at] ^= 0xff;
        await cache.put(request, new Response(bytes, { headers: response.headers }));
        return name;
      }
      return null;
    }, action.value);
  }
  if (first && args['stop-after'] !== null) {
    await page.waitForTimeout(args['stop-after'] * 1000);
    await page.click('#stop');
  }
  if (!QUICK.includes(action.kind)) {
    await page.waitForFunction(() => document.body.dataset.state !== 'running', null, { timeout: args.timeout * 1000 });
    await settled(page, args.timeout * 1000);
  }
  return {
    action: action.kind, seconds: (Date.now() - t0) / 1000,
    state: await page.evaluate(() => document.body.dataset.state),
    status: await page.textContent('#status'),
    output: await page.textContent('#output'),
    editor: await editorState(page),
    ...extra,
  };
}

/// What the offline copy holds once the service worker has stored what it fetched.
async function offlineState(page) {
  return page.evaluate(async () => {
    if (!window.wbPage.refreshOffline) return null;
    let last = -1;
    for (let i = 0; i < 20; i++) {  // stores run after the responses: wait until nothing changes
      await window.wbPage.refreshOffline();
      const n = window.wbPage.offline ? window.wbPage.offline.entries.length : 0;
      if (n === last) break;
      last = n;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return window.wbPage.offline;
  });
}

async function visit(args, profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
  });
  if (args.offline) await context.setOffline(true);
  const result = { console: [] };
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (m) => result.console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => result.console.push(`pageerror: ${e.message}`));
    const t0 = Date.now();
    await page.goto(args.url);
    await settled(page, args.timeout * 1000);
    result.load_seconds = (Date.now() - t0) / 1000;
    await page.waitForFunction(() => document.body.dataset.editor, null, { timeout: 10000 }).catch(() => {});
    result.state = await page.evaluate(() => document.body.dataset.state);
    result.status = await page.textContent('#status');
    result.ready = await page.evaluate(() => window.wbPage.ready);
    result.editor = await editorState(page);
    result.packages = await page.evaluate(() => window.wbPage.packages);
    result.runs = [];
    for (const [i, action] of args.actions.entries()) {
      if (result.state !== 'ready') break;
      const run = await act(page, action, args, i === 0);
      result.runs.push(run);
      Object.assign(result, { state: run.state, status: run.status, output: run.output, run_seconds: run.seconds });
    }
    result.packages = await page.evaluate(() => window.wbPage.packages);
    result.downloads = await page.evaluate(() => window.wbPage.downloads);
    result.files = await page.evaluate(() => window.wbPage.files);
    result.offline = await offlineState(page);
    result.location = page.url();
  } finally {
    await context.close();
  }
  return result;
}

(async () => {
  const args = parseArgs(process.argv.slice(2));
  const profile = args.profile || fs.mkdtempSync(path.join(os.tmpdir(), 'wb-chromium-'));
  try {
    for (let i = 0; i < args.visits; i++) console.log(JSON.stringify(Object.assign({ visit: i + 1 }, await visit(args, profile))));
  } finally {
    if (!args.profile) fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error('page_run: ' + (e && e.stack ? e.stack : e));
  process.exit(2);
});
