// Measures the page's load under a throttled network (DevTools network emulation, which also
// applies to the page's worker): two visits on one new profile, cold then warm, each timing
// "Python ready" and a NumPy run. Not part of the test suite; see docs/browser.md.
//   node measure_load.js URL [MBIT_PER_S]    (default 50)
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs'), os = require('os'), path = require('path');
(async () => {
  const url = process.argv[2], mbit = process.argv[3] || '50';
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-thr-'));
  for (const visit of [1, 2]) {
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox','--headless','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
    const page = ctx.pages()[0] || await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: Number(mbit) * 1e6 / 8, uploadThroughput: 10e6 / 8 });
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state), null, { timeout: 300000 });
    const ready = Date.now() - t0;
    await page.fill('#code', 'import numpy as np\nprint(np.arange(6).reshape(2,3) @ np.ones(3))');
    const t1 = Date.now();
    await page.click('#run');
    await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 300000 });
    console.log(JSON.stringify({ visit, mbit: Number(mbit), ready_s: ready / 1000, run_s: (Date.now() - t1) / 1000,
      status: await page.textContent('#status'), out: (await page.textContent('#output')).trim().split('\n').pop() }));
    await ctx.close();
  }
  fs.rmSync(profile, { recursive: true, force: true });
})().catch((e) => { console.error(e); process.exit(1); });
