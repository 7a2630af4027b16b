"""Signed repositories in memory for the unit tests: an RFC 8032 signer (tests only) over the
package's own curve arithmetic, and a publisher of root/timestamp/snapshot/targets as the C++
publisher writes them (index/publish/repo_signer.cpp)."""

import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../../python/verified-install"))

from verified_install import ed25519  # noqa: E402
from verified_install.canonical_json import canonical_json  # noqa: E402
from verified_install.roles import format_utc, key_id  # noqa: E402


class Key:
    def __init__(self, seed):
        h = hashlib.sha512(seed).digest()
        a = int.from_bytes(h[:32], "little")
        a &= (1 << 254) - 8
        a |= 1 << 254
        self.a, self.prefix = a, h[32:]
        self.public = ed25519._encode(ed25519._double_scalar(a, ed25519.BASE, 0, ed25519._IDENTITY))
        self.id = key_id(self.public.hex())

    def sign(self, message):
        r = int.from_bytes(hashlib.sha512(self.prefix + message).digest(), "little") % ed25519.L
        big_r = ed25519._encode(ed25519._double_scalar(r, ed25519.BASE, 0, ed25519._IDENTITY))
        k = int.from_bytes(hashlib.sha512(big_r + self.public + message).digest(), "little") % ed25519.L
        return big_r + ((r + k * self.a) % ed25519.L).to_bytes(32, "little")

    def json(self):
        return {"keytype": "ed25519", "scheme": "ed25519", "keyval": {"public": self.public.hex()}}


def envelope(signed, keys):
    canonical = canonical_json(signed)
    doc = {"signed": signed, "signatures": [{"keyid": k.id, "sig": k.sign(canonical).hex()} for k in keys]}
    return (json.dumps(doc, indent=1) + "\n").encode()


def meta_info(version, data):
    return {"version": version, "length": len(data), "hashes": {"sha256": hashlib.sha256(data).hexdigest()}}


class Repo:
    """A repository as a dict of files, with keys per role; publish() signs a new state."""

    NOW = 1_800_000_000

    def __init__(self, seed=b"k"):
        self.keys = {r: [Key(seed + r.encode())] for r in ("root", "targets", "snapshot", "timestamp")}
        self.threshold = {r: 1 for r in self.keys}
        self.files = {"pyodide-lock.json": b'{"packages": {}}\n', "simple/demo/index.json": b"{}",
                      "packages/demo-1.0-py3-none-any.whl": b"PK wheel"}
        self.versions = {r: 0 for r in self.keys}
        self.tree = {}
        self.expires = {r: self.NOW + 86400 * 30 for r in self.keys}

    def root_signed(self, version):
        keys = {k.id: k.json() for ks in self.keys.values() for k in ks}
        roles = {r: {"keyids": [k.id for k in ks], "threshold": self.threshold[r]} for r, ks in self.keys.items()}
        return {"_type": "root", "spec_version": "1.0.31", "version": version, "consistent_snapshot": False,
                "expires": format_utc(self.expires["root"]), "keys": keys, "roles": roles}

    def publish_root(self, signers=None):
        self.versions["root"] += 1
        v = self.versions["root"]
        data = envelope(self.root_signed(v), signers or self.keys["root"])
        self.tree[f"metadata/{v}.root.json"] = data
        self.tree["metadata/root.json"] = data
        return data

    def publish(self):
        if not self.versions["root"]:
            self.publish_root()
        for r in ("targets", "snapshot", "timestamp"):
            self.versions[r] += 1
        targets = {p: {"length": len(d), "hashes": {"sha256": hashlib.sha256(d).hexdigest()}}
                   for p, d in self.files.items()}
        t = self._signed("targets", {"targets": targets})
        s = self._signed("snapshot", {"meta": {"targets.json": meta_info(self.versions["targets"], t)}})
        ts = self._signed("timestamp", {"meta": {"snapshot.json": meta_info(self.versions["snapshot"], s)}})
        self.tree.update(self.files)
        self.tree.update({"metadata/targets.json": t, "metadata/snapshot.json": s, "metadata/timestamp.json": ts})
        return dict(self.tree)

    def _signed(self, role, body):
        signed = {"_type": role, "spec_version": "1.0.31", "version": self.versions[role],
                  "expires": format_utc(self.expires[role]), **body}
        return envelope(signed, self.keys[role])


class DictSource:
    def __init__(self, files):
        self.files = dict(files)

    def describe(self, path):
        return path

    def list(self):
        return None

    async def read(self, path, max_bytes):
        data = self.files.get(path)
        if data is not None and len(data) > max_bytes:
            from verified_install.errors import FetchError
            raise FetchError(f"{path}: {len(data)} bytes, more than the {max_bytes} expected")
        return data
