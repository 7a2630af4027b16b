// The page's service worker: after the first visit the page works with no network at all.
//
// Two caches:
// - wb-pages: the page's own files, the manifests and the simple index's pages, by URL. Always
//   asked of the network first (so a new publish is seen at once) and answered from here only when
//   the network fails.
// - wb-content: every file whose sha256 a manifest publishes (the runtime's files from
//   runtime/runtime.json; wheels and their metadata from the repository's signed
//   metadata/targets.json), keyed by that sha256. Answered from here first, after checking the
//   cached bytes again; a damaged copy is dropped and fetched anew (offline: refused with 503).
//   A file is stored only when its bytes have the published sha256 and length. When both
//   manifests have been read from the network, entries whose sha256 neither names any more are
//   deleted: a new publish replaces exactly what changed.
//
// Answers from either cache carry `X-Wb-Source: offline-copy` (the page reports where its files
// came from). Files from another origin (a repository given with ?index=) pass through untouched.

const PAGES = 'wb-pages-v1';
const CONTENT = 'wb-content-v1';
const MANIFESTS = ['runtime/runtime.json', 'metadata/targets.json'];
// Fetched when the worker is installed: what the page needs before Python's worker starts.
const SHELL = ['./', 'index.html', 'app.js', 'worker.mjs', 'download.mjs', 'wb_page.py', 'sha256.mjs',
               'style.css', 'vendor/codemirror.mjs', 'pyodide-lock.json', ...MANIFESTS];

const scope = new URL(self.registration.scope);
const at = (path) => new URL(path, scope).href;
const contentKey = (sha256) => at('.wb-content/' + sha256);

let published = null;  // Promise of Map: path in the site -> { sha256, size }

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(PAGES);
    await Promise.all(SHELL.map(async (path) => {
      try {
        const response = await fetch(at(path), { cache: 'no-cache' });
        if (response.ok) await cache.put(at(path), response);
      } catch (e) { /* an optional file (the editor bundle, a repository) may be absent */ }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('wb-') && name !== PAGES && name !== CONTENT) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'refresh') event.waitUntil(refresh());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = decodeURIComponent(url.pathname.slice(scope.pathname.length));
  if (request.mode === 'navigate') {
    published = refresh();  // each visit reads the manifests anew
    event.respondWith(networkFirst(request, at(url.pathname === scope.pathname ? './' : path)));
    return;
  }
  if (MANIFESTS.includes(path)) {
    event.respondWith(networkFirst(request, request.url));
    return;
  }
  event.respondWith((async () => {
    const entry = (await known()).get(path);
    return entry ? byHash(request, path, entry, event) : networkFirst(request, request.url);
  })());
});

async function networkFirst(request, key) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    // A 404 is kept too: the signed index's client asks for the next root (N.root.json) on
    // every start, and offline it must get the same "there is none" it got online.
    if (response.status === 200 || response.status === 404) await cache.put(key, response.clone());
    return response;
  } catch (e) {
    const cached = await cache.match(key, { ignoreVary: true });
    if (cached) return fromCopy(cached, await cached.arrayBuffer());
    throw e;
  }
}

/// The map path -> {sha256, size} from the manifests: the last ones read, else those in the cache.
function known() {
  if (!published) published = readManifests(false).then(({ map }) => map);
  return published;
}

/// Reads both manifests (network first); when both came from the network, deletes the cached
/// content no manifest names any more.
async function refresh() {
  const { map, fresh } = await readManifests(true);
  if (fresh) await evict(new Set([...map.values()].map((e) => e.sha256)));
  return map;
}

async function readManifests(network) {
  const map = new Map();
  let fresh = network;
  for (const path of MANIFESTS) {
    let response = null;
    if (network) {
      try {
        response = await networkFirstDirect(path);
      } catch (e) {
        fresh = false;
      }
    }
    if (!response) response = await (await caches.open(PAGES)).match(at(path));
    if (!response || !response.ok) continue;  // a site without a repository, or nothing cached yet
    try {
      addManifest(map, path, await response.json());
    } catch (e) {
      fresh = false;  // unreadable: keep what is cached
    }
  }
  return { map, fresh };
}

/// A manifest from the network (stored for later); null when the server says it has none.
async function networkFirstDirect(path) {
  const response = await fetch(at(path), { cache: 'no-cache' });
  if (response.ok) {
    await (await caches.open(PAGES)).put(at(path), response.clone());
    return response;
  }
  if (response.status === 404) return null;
  throw new Error(`HTTP ${response.status}`);
}

function addManifest(map, path, manifest) {
  const hex = /^[0-9a-f]{64}$/;
  if (path === 'runtime/runtime.json') {
    for (const [name, f] of Object.entries(manifest.files || {})) {
      if (hex.test(f.sha256)) map.set('runtime/' + name, { sha256: f.sha256, size: f.size });
    }
  } else {
    const targets = (manifest.signed && manifest.signed.targets) || {};
    for (const [name, t] of Object.entries(targets)) {
      const sha256 = t.hashes && t.hashes.sha256;
      if (hex.test(sha256 || '')) map.set(name, { sha256, size: t.length });
    }
  }
}

async function evict(live) {
  const cache = await caches.open(CONTENT);
  for (const request of await cache.keys()) {
    const sha256 = request.url.slice(request.url.lastIndexOf('/') + 1);
    if (!live.has(sha256)) await cache.delete(request);
  }
}

function fromCopy(cached, bytes) {
  const headers = new Headers(cached.headers);
  headers.set('X-Wb-Source', 'offline-copy');
  return new Response(bytes, { status: cached.status, statusText: cached.statusText, headers });
}

async function sha256Hex(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function byHash(request, path, entry, event) {
  const cache = await caches.open(CONTENT);
  const key = contentKey(entry.sha256);
  const hit = await cache.match(key);
  let damaged = false;
  if (hit) {
    const bytes = await hit.arrayBuffer();
    if (bytes.byteLength === entry.size && await sha256Hex(bytes) === entry.sha256) {
      return fromCopy(hit, bytes);
    }
    damaged = true;
    await cache.delete(key);
  }
  let response;
  try {
    response = await fetch(request);
  } catch (e) {
    if (!damaged) throw e;
    return new Response(`The offline copy of ${path} was damaged: its bytes do not have the sha256 ` +
                        `${entry.sha256} the site publishes, and the network is not reachable.\n`,
                        { status: 503, statusText: 'Offline copy damaged', headers: { 'Content-Type': 'text/plain' } });
  }
  if (response.status !== 200 || !response.body) return response;
  // The page gets the bytes as they arrive (its progress bar); the copy is kept if it checks out.
  const [forPage, forCache] = response.body.tee();
  event.waitUntil((async () => {
    const bytes = await new Response(forCache).arrayBuffer();
    if (bytes.byteLength !== entry.size || await sha256Hex(bytes) !== entry.sha256) return;
    await cache.put(key, new Response(bytes, { headers: {
      'Content-Type': response.headers.get('Content-Type') || 'application/octet-stream',
      'Content-Length': String(bytes.byteLength), 'X-Wb-Path': path } }));
  })().catch(() => {}));
  return new Response(forPage, { status: response.status, statusText: response.statusText, headers: response.headers });
}
