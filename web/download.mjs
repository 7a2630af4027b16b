// Downloads for the worker: bytes with progress, sha256 checks, and the messages a person reads
// when a download or a check fails (which file, which URL, why). Used by worker.mjs.

/// A failure the page shows as it is (its message says what and why).
export class LoadError extends Error {}

export function post(type, fields) { self.postMessage(Object.assign({ type }, fields || {})); }

/// Reports bytes as they arrive, at most ten times a second, out of what expect() was told.
export class Progress {
  constructor(label) { this.label = label; this.loaded = 0; this.total = 0; this.last = 0; }
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

/// The whole body of url as a Uint8Array (its buffer holds exactly the file).
export async function download(url, label, progress, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (e) {
    throw new LoadError(`Could not download ${label} (${url}): ${e.message}. Is the server reachable?`);
  }
  noteSource(url, response);
  if (!response.ok) {
    throw new LoadError(`Could not download ${label} (${url}): HTTP ${response.status} ${response.statusText}`);
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
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
  return bytes;
}

export async function sha256(bytes) {
  if (self.crypto && self.crypto.subtle) {
    const digest = new Uint8Array(await self.crypto.subtle.digest('SHA-256', bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  // Not a secure context (plain HTTP from another host): the same check in JavaScript.
  const { sha256Hex } = await import('./sha256.mjs');
  return sha256Hex(bytes);
}

/// Throws unless bytes have the published sha256; `where` says who published it.
export async function verify(bytes, expected, label, where) {
  if (!/^[0-9a-f]{64}$/.test(expected || '')) {
    throw new LoadError(`Refused ${label}: ${where} publishes no sha256 for it, so it cannot be checked.`);
  }
  const got = await sha256(bytes);
  if (got !== expected) {
    throw new LoadError(`Refused ${label}: its sha256 is ${got}, but ${where} published ${expected}. ` +
                        'The file was changed or damaged after publishing; it was not used.');
  }
}

// Where each response came from: the page's offline copy (the service worker marks its answers
// with X-Wb-Source) or the network.
const sources = new Map();
function noteSource(url, response) {
  sources.set(new URL(url, self.location.href).href, response.headers.get('X-Wb-Source') || 'network');
}

/// What crossed the network for each file fetched so far (Resource Timing): transfer is 0 when the
/// browser's cache or the offline copy answered, a few hundred bytes for a revalidation (304), else
/// the whole file. Resource Timing counts no bytes for what the service worker answered, so for
/// those the body's size counts when the worker took it from the network.
export function downloads() {
  return performance.getEntriesByType('resource').filter((e) => e.name.startsWith('http')).map((e) => {
    const source = sources.get(e.name) || (e.workerStart > 0 ? 'unknown' : 'network');
    const transfer = e.transferSize || (e.workerStart > 0 && source === 'network' ? e.encodedBodySize : 0);
    return { url: e.name, transfer, size: e.decodedBodySize, ms: Math.round(e.duration), source };
  });
}

/// Wheels that could not be downloaded (micropip 0.11 does not look at the HTTP status: it would
/// report a missing wheel as one whose sha256 differs). The worker empties it before each install.
export const failedWheels = [];

/// Replaces self.fetch (once; later calls only change `answers`): URLs in `answers` are served from
/// bytes already downloaded and checked (Pyodide fetches its wasm by URL); wheels report their
/// download progress and failures. Everything else goes to the network unchanged.
let answered = null;
export function installFetch(answers) {
  if (answered) { answered = answers; return; }
  answered = answers;
  const network = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const known = answered.get(url);
    if (known) {
      return new Response(known.bytes, { status: 200, headers: { 'Content-Type': known.type } });
    }
    const response = await network(input, init);
    noteSource(url, response);
    const name = decodeURIComponent(new URL(url, self.location.href).pathname.split('/').pop());
    if (!name.endsWith('.whl') || !response.body) return response;
    if (!response.ok) {
      failedWheels.push(`Could not download ${name} (${url}): HTTP ${response.status} ${response.statusText}`);
      return response;
    }
    const progress = new Progress('Downloading ' + name);
    progress.expect(Number(response.headers.get('Content-Length')) || 0);
    const counted = response.body.pipeThrough(new TransformStream({
      transform(chunk, controller) { progress.add(chunk.length); controller.enqueue(chunk); },
    }));
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
