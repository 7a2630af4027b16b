// Measures what a visitor waits for: two visits on one new profile (cold, then with the browser's
// cache), each opening the page with NumPy code in ?code= and pressing Run as soon as it is
// enabled. Per visit: bytes that crossed the network (page, editor, worker, runtime, wheels: every
// request's encoded body and headers, from playwright's request sizes, which include the worker's),
// seconds until Python is ready, and seconds from navigation to the first result on the page.
// MBIT_PER_S > 0 throttles with DevTools network emulation (20 ms latency), which applies to the
// page's worker too; 0 (the default) is loopback. Not part of the test suite; see docs/browser.md.
//   node measure_load.js URL [MBIT_PER_S]
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs'), os = require('os'), path = require('path');

const CODE = 'import numpy as np\nprint(np.arange(6).reshape(2, 3) @ np.ones(3))';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
              '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function visit(profile, url, mbit, n) {
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
                                                                headless: true, args: ARGS });
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    if (mbit > 0) {
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20,
        downloadThroughput: mbit * 1e6 / 8, uploadThroughput: 10e6 / 8 });
    }
    const sizes = [];
    page.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => ({
      url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize }))));
    const t0 = Date.now();
    await page.goto(url + '?code=' + encodeURIComponent(CODE));
    await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state), null, { timeout: 300000 });
    const ready = (Date.now() - t0) / 1000;
    const t1 = Date.now();
    await page.click('#run');
    await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.querySelector('#output').textContent.includes('12.'),
                               null, { timeout: 300000 });
    const result = (Date.now() - t0) / 1000, run = (Date.now() - t1) / 1000;
    const files = await Promise.all(sizes);
    const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
    const largest = files.sort((a, b) => b.bytes - a.bytes).slice(0, 6)
      .map((f) => `${new URL(f.url).pathname} ${(f.bytes / 1048576).toFixed(2)}`);
    console.log(JSON.stringify({ visit: n, mbit, mib: +(bytes / 1048576).toFixed(2), requests: files.length,
      ready_s: ready, run_s: run, first_result_s: result,
      worker_phases_s: await page.evaluate(() => window.wbPage.ready.phases), status: await page.textContent('#status'),
      out: (await page.textContent('#output')).trim().split('\n').pop(), largest_mib: largest }));
  } finally {
    await ctx.close();
  }
}

(async () => {
  const url = process.argv[2], mbit = Number(process.argv[3] || 0);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-measure-'));
  try {
    for (const n of [1, 2]) await visit(profile, url, mbit, n);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e); process.exit(1); });
