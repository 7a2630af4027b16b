"""A verified view of one index: the metadata updated from the pinned root (metadata_client.py), then
any file read through it checked against the length and sha256 targets.json gives. Nothing is
remembered until commit(); verify_repository() is `wasm-build index verify` (index/validation/verifier.cpp)."""

import hashlib
import time

from .errors import FetchError, VerificationError
from .metadata_client import (MAX_ROOT_BYTES, MAX_TIMESTAMP_BYTES, TrustedVersions, check_hash,
                              update_metadata)
from .sources import open_source
from .trust_state import load_state, open_store, save_state, state_key

_MAX_PROBLEMS = 50
_METADATA_NAMES = ("root.json", "targets.json", "snapshot.json", "timestamp.json")


class VerifiedIndex:
    def __init__(self, source, meta, store, key):
        self.source = source
        self.meta = meta
        self._store = store
        self._key = key

    @property
    def targets(self):
        """path -> (length, sha256) of every file the index signs."""
        return self.meta.targets.targets

    @property
    def versions(self):
        m = self.meta
        return {"root": m.root.version, "timestamp": m.timestamp.version, "snapshot": m.snapshot.version,
                "targets": m.targets.version}

    async def read(self, path):
        """The bytes of a signed file, checked against its length and sha256 in targets.json."""
        if path not in self.targets:
            raise VerificationError(f"{path}: not listed in metadata/targets.json")
        length, sha256 = self.targets[path]
        data = await self.source.read(path, length)
        if data is None:
            raise VerificationError(f"{self.source.describe(path)}: missing")
        check_hash(path, data, length, sha256)
        return data

    async def commit(self):
        """Remembers the newest root and the versions accepted (call only when everything passed)."""
        await save_state(self._store, self._key, self.meta.root_text, self.meta.versions())

    async def problems(self, hash_files=True):
        """What `index verify` checks beyond the metadata: for a directory, no unlisted file and a
        root.json equal to the newest root; every target's length and sha256."""
        problems = []
        listing = self.source.list()
        if listing is not None:
            for path in listing:
                if path not in self.targets and not _is_metadata_file(path):
                    problems.append(f"unlisted file {path} (not in targets.json)")
            try:
                root = await self.source.read("metadata/root.json", MAX_ROOT_BYTES)
            except FetchError:
                root = None
            if root is not None and root != self.meta.root_text:
                problems.append(f"metadata/root.json is not the newest root (version {self.meta.root.version})")
        if not hash_files:
            return problems
        for path, (length, sha256) in self.targets.items():
            if len(problems) >= _MAX_PROBLEMS:
                problems.append("(stopped after this many problems)")
                break
            try:
                data = await self.source.read(path, length)
            except FetchError as e:
                problems.append(_size_problem(self.source, path, length, sha256) or f"{path}: {e}")
                continue
            if data is None:
                problems.append(f"{path}: missing")
                continue
            got = hashlib.sha256(data).hexdigest()
            if len(data) != length or got != sha256:
                problems.append(f"hash mismatch on {path}: expected sha256 {sha256} ({length} bytes), "
                                f"got {got} ({len(data)} bytes)")
        return problems


def _size_problem(source, path, length, sha256):
    """A directory's file of another size is a hash mismatch, as the C++ client words it."""
    if source.list() is None:
        return None
    import os

    try:
        size = os.path.getsize(source.describe(path))
    except OSError:
        return None
    return f"hash mismatch on {path}: expected sha256 {sha256} ({length} bytes), got (not hashed) ({size} bytes)"


def _is_metadata_file(path):
    if not path.startswith("metadata/"):
        return False
    name = path[len("metadata/"):]
    return name in _METADATA_NAMES or (name.endswith(".root.json") and "/" not in name)


async def pinned_root(source, root=None, root_sha256=None, root_url="metadata/1.root.json"):
    """The trusted root's bytes: given (root), or read from the index (root_url, a path inside it)
    and accepted only when its sha256 is root_sha256."""
    if root is not None:
        return root.encode("utf-8") if isinstance(root, str) else bytes(root)
    if not root_sha256:
        raise ValueError("give the trusted root: root=BYTES or root_sha256=HEX")
    data = await source.read(root_url, MAX_ROOT_BYTES)
    if data is None:
        raise VerificationError(f"{source.describe(root_url)}: missing")
    got = hashlib.sha256(data).hexdigest()
    if got != root_sha256.lower():
        raise VerificationError(f"{source.describe(root_url)}: sha256 {got}, but the pinned root is {root_sha256}")
    return data


async def open_index(index, *, root=None, root_sha256=None, root_url="metadata/1.root.json", state=None,
                     now=None):
    """Verifies the metadata of index (an http(s) URL, a directory, or a source object) from the
    pinned root and the trust state; returns a VerifiedIndex. Raises VerificationError."""
    source = open_source(index)
    initial = await pinned_root(source, root, root_sha256, root_url)
    store = open_store(state)
    key = state_key(initial)
    remembered = await load_state(store, key)
    root_text, trusted = remembered if remembered else (initial, TrustedVersions())
    meta = await update_metadata(source, root_text, trusted, int(time.time()) if now is None else int(now))
    return VerifiedIndex(source, meta, store, key)


async def read_timestamp(source):
    """timestamp.json as the source serves it now (empty when unreadable)."""
    try:
        return await source.read("metadata/timestamp.json", MAX_TIMESTAMP_BYTES) or b""
    except FetchError:
        return b""


async def verify_repository(index, *, root=None, root_sha256=None, state=None, now=None, hash_files=True):
    """`wasm-build index verify`: the metadata, then every file; the state saved only when all
    passed. A served tree that changed generation while it was read gets one more pass.
    Returns the versions; raises VerificationError."""
    source = open_source(index)
    remote = source.list() is None
    for attempt in range(2):
        last = attempt == 1 or not remote
        before = await read_timestamp(source) if remote else b""
        try:
            verified = await open_index(source, root=root, root_sha256=root_sha256, state=state, now=now)
        except VerificationError:
            if last or await read_timestamp(source) == before:
                raise
            continue
        problems = await verified.problems(hash_files)
        if not problems or last or await read_timestamp(source) == before:
            break
    if problems:
        where = getattr(source, "base", None) or getattr(source, "root", "index")
        raise VerificationError(f"{where}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    await verified.commit()
    return verified.versions
