// Drives the browser page (web/) in Debian's headless Chromium with playwright-core, like a person:
// open the page, wait for Python, type code into the editor, press Run, read the output.
//
//   node page_run.js --url URL [--code TEXT]... [--stop-after SECONDS] [--visits N] [--profile DIR]
//                    [--timeout SECONDS]
//
// Each visit starts the browser anew on the same profile (so the second visit sees the disk cache
// of the first), runs each --code in turn (--stop-after: press Stop that long after the first
// Run), and prints one JSON line: the page's state and status, the seconds until Python was
// ready, each run's output, status and seconds (the last one also as output/run_seconds), and
// what the worker downloaded (bytes that crossed the network per file, from Resource Timing).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

function parseArgs(argv) {
  const args = { visits: 1, timeout: 180, code: [], profile: null, url: null, 'stop-after': null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in args)) throw new Error('unknown option ' + argv[i]);
    if (key === 'code') args.code.push(argv[i + 1]);
    else args[key] = ['visits', 'timeout', 'stop-after'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!args.url) throw new Error('--url is required');
  return args;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
                       '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function visit(args, profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const result = { console: [] };
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (m) => result.console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => result.console.push(`pageerror: ${e.message}`));
    const t0 = Date.now();
    await page.goto(args.url);
    await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state), null,
                               { timeout: args.timeout * 1000 });
    result.load_seconds = (Date.now() - t0) / 1000;
    result.state = await page.evaluate(() => document.body.dataset.state);
    result.status = await page.textContent('#status');
    result.ready = await page.evaluate(() => window.wbPage && window.wbPage.ready);
    result.runs = [];
    for (const [i, code] of args.code.entries()) {
      if (result.state !== 'ready') break;
      await page.fill('#code', code);
      const t1 = Date.now();
      await page.click('#run');
      if (i === 0 && args['stop-after'] !== null) {
        await page.waitForTimeout(args['stop-after'] * 1000);
        await page.click('#stop');
      }
      await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state), null,
                                 { timeout: args.timeout * 1000 });
      const run = { seconds: (Date.now() - t1) / 1000 };
      run.state = result.state = await page.evaluate(() => document.body.dataset.state);
      run.status = result.status = await page.textContent('#status');
      run.output = result.output = await page.textContent('#output');
      result.run_seconds = run.seconds;
      result.runs.push(run);
    }
    result.downloads = await page.evaluate(() => window.wbPage && window.wbPage.downloads);
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
