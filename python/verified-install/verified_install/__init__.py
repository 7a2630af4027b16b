"""Verifies a wasm-build signed index (TUF-style metadata: root, timestamp, snapshot, targets; Ed25519)
with the rules of `wasm-build index verify`, and installs with micropip only the files it signs.

    await verified_install.install(["numpy"], index_url, root_sha256=PINNED)
    lock = await verified_install.verify_lock_file(index_url, root_sha256=PINNED)
"""

from .errors import FetchError, VerificationError
from .installer import ensure_micropip, install, verify_lock_file
from .repository import VerifiedIndex, open_index, verify_repository
from .signatures import backend as ed25519_backend
from .signatures import set_backend as set_ed25519_backend
from .sources import DirectorySource, HttpSource
from .trust_state import DictStore, FileStore, IndexedDBStore, LocalStorageStore

__version__ = "0.1.0"

__all__ = [
    "install", "verify_lock_file", "ensure_micropip", "open_index", "verify_repository", "VerifiedIndex",
    "VerificationError", "FetchError", "set_ed25519_backend", "ed25519_backend",
    "DirectorySource", "HttpSource", "DictStore", "FileStore", "IndexedDBStore", "LocalStorageStore",
]
