"""What a client remembers between runs (index/validation/trust_state.cpp): the newest trusted root
and the versions and sha256 of timestamp, snapshot and targets it last accepted, as the C++ client's
state.json. One state per trusted root, keyed by the first 16 hex digits of the sha256 of the root
file the client started from. Where it is kept is pluggable: a store has `async load(key) -> str | None`
and `async save(key, text)`."""

import hashlib
import json
import os

from .errors import VerificationError
from .metadata_client import TrustedVersions
from .platform import in_browser, in_node, node_module
from .strict_json import parse_strict_json


def state_key(initial_root_text):
    return hashlib.sha256(initial_root_text).hexdigest()[:16]


class DictStore:
    """In memory (tests); the dict may be shared to look at what was saved."""

    def __init__(self, data=None):
        self.data = {} if data is None else data

    async def load(self, key):
        return self.data.get(key)

    async def save(self, key, text):
        self.data[key] = text


class FileStore:
    """DIR/<key>/state.json, the C++ client's layout (`index verify --state DIR`), written atomically
    (a temporary file in the same directory, fsync, rename). Under Node through Node's fs, under
    CPython through os."""

    def __init__(self, directory):
        self.directory = directory

    def _path(self, key):
        return os.path.join(self.directory, key, "state.json")

    async def load(self, key):
        path = self._path(key)
        if in_node():
            fs = node_module("fs")
            if not fs.existsSync(path):
                return None
            return str(fs.readFileSync(path, "utf8"))
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8") as f:
            return f.read()

    async def save(self, key, text):
        path = self._path(key)
        temp = f"{path}.tmp-{os.getpid()}"
        if in_node():
            fs = node_module("fs")
            from pyodide.ffi import to_js

            fs.mkdirSync(os.path.dirname(path), to_js({"recursive": True}, dict_converter=_js_object()))
            fd = fs.openSync(temp, "w", 0o644)
            try:
                fs.writeSync(fd, text)
                fs.fsyncSync(fd)
            finally:
                fs.closeSync(fd)
            fs.renameSync(temp, path)
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)


def _js_object():
    import js

    return js.Object.fromEntries


_IDB_HELPERS = """
(() => {
  const open = () => new Promise((resolve, reject) => {
    const req = indexedDB.open("verified-install", 1);
    req.onupgradeneeded = () => req.result.createObjectStore("trust");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const run = async (mode, action) => {
    const db = await open();
    try {
      return await new Promise((resolve, reject) => {
        const tx = db.transaction("trust", mode);
        const req = action(tx.objectStore("trust"));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
    } finally { db.close(); }
  };
  return {
    load: (key) => run("readonly", (s) => s.get(key)),
    save: (key, text) => run("readwrite", (s) => s.put(text, key)),
  };
})()
"""


class IndexedDBStore:
    """The browser's IndexedDB (database "verified-install", store "trust"): available in pages and
    in workers, where localStorage is not. A put is one transaction: all or nothing."""

    def __init__(self):
        from pyodide.code import run_js

        self._js = run_js(_IDB_HELPERS)

    async def load(self, key):
        value = await self._js.load(key)
        return None if value is None else str(value)

    async def save(self, key, text):
        await self._js.save(key, text)


class LocalStorageStore:
    """window.localStorage (pages only), under "verified-install:<key>"."""

    async def load(self, key):
        import js

        value = js.localStorage.getItem(f"verified-install:{key}")
        return None if value is None else str(value)

    async def save(self, key, text):
        import js

        js.localStorage.setItem(f"verified-install:{key}", text)


def default_state_dir():
    """$XDG_CACHE_HOME/wasm-build/trust, else $HOME/.cache/wasm-build/trust (as the C++ client)."""
    if in_node():
        import js

        env = js.process.env
        xdg, home = getattr(env, "XDG_CACHE_HOME", None), getattr(env, "HOME", None) or "."
    else:
        xdg, home = os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME", ".")
    if xdg:
        return os.path.join(str(xdg), "wasm-build", "trust")
    return os.path.join(str(home), ".cache", "wasm-build", "trust")


def open_store(state):
    """A store for `state`: a store object as it is, a dict (in memory), a directory path (FileStore),
    or None: IndexedDB in a browser, the C++ client's default directory elsewhere."""
    if state is None:
        return IndexedDBStore() if in_browser() else FileStore(default_state_dir())
    if isinstance(state, dict):
        return DictStore(state)
    if isinstance(state, (str, os.PathLike)):
        return FileStore(os.fspath(state))
    return state


async def load_state(store, key):
    """(root text, TrustedVersions) remembered under key, or None."""
    text = await store.load(key)
    if text is None:
        return None
    where = f"trust state {key}"
    try:
        doc = parse_strict_json(text, where)
    except VerificationError:
        doc = None
    versions = doc.get("versions") if isinstance(doc, dict) else None

    def number(name):
        v = versions.get(name) if isinstance(versions, dict) else None
        return type(v) is int and v >= 0

    if (not isinstance(doc, dict) or not isinstance(doc.get("root"), str)
            or not all(number(n) for n in ("timestamp", "snapshot", "targets"))):
        raise VerificationError(f"{where}: not a trust state (delete it to start again from the trusted root)")
    hashes = doc.get("sha256") if isinstance(doc.get("sha256"), dict) else {}

    def sha(name):
        return hashes[name] if isinstance(hashes.get(name), str) else ""

    trusted = TrustedVersions(versions["timestamp"], versions["snapshot"], versions["targets"],
                              sha("timestamp"), sha("snapshot"), sha("targets"))
    return doc["root"].encode("utf-8"), trusted


async def save_state(store, key, root_text, v):
    doc = {"root": root_text.decode("utf-8"),
           "versions": {"timestamp": v.timestamp, "snapshot": v.snapshot, "targets": v.targets},
           "sha256": {"timestamp": v.timestamp_sha256, "snapshot": v.snapshot_sha256,
                      "targets": v.targets_sha256}}
    await store.save(key, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
