"""The TUF-style client (metadata_client.py, repository.py) on repositories signed in memory: the
rules of index/validation/metadata_client.cpp, the trust state saved only on success, and the
installer's mapping of micropip's URLs onto signed paths."""

import asyncio
import json
import unittest

from repo_fixture import DictSource, Key, Repo, envelope
from verified_install import DictStore, VerificationError, open_index, verify_repository
from verified_install.installer import _Reader

NOW = Repo.NOW


def run(coro):
    return asyncio.run(coro)


class Client(unittest.TestCase):
    def setUp(self):
        self.repo = Repo()
        self.gen1 = self.repo.publish()
        self.root = self.gen1["metadata/1.root.json"]
        self.state = {}

    def verify(self, tree, **kw):
        return run(verify_repository(DictSource(tree), root=kw.pop("root", self.root), state=self.state,
                                     now=kw.pop("now", NOW), **kw))

    def refused(self, tree, pattern, **kw):
        before = json.dumps(self.state, sort_keys=True)
        with self.assertRaisesRegex(VerificationError, pattern):
            self.verify(tree, **kw)
        self.assertEqual(json.dumps(self.state, sort_keys=True), before, "the trust state changed")

    def test_good_then_newer(self):
        self.assertEqual(self.verify(self.gen1), {"root": 1, "timestamp": 1, "snapshot": 1, "targets": 1})
        saved = json.loads(next(iter(self.state.values())))
        self.assertEqual(saved["versions"], {"timestamp": 1, "snapshot": 1, "targets": 1})
        self.assertEqual(self.verify(self.repo.publish())["timestamp"], 2)

    def test_rollback_and_freeze(self):
        self.verify(self.gen1)
        self.verify(self.repo.publish())
        self.refused(self.gen1, r"^metadata/timestamp.json: rolled back from version 2 to 1$")

    def test_same_version_other_bytes(self):
        self.verify(self.gen1)
        other = Repo()
        other.expires["timestamp"] += 60
        self.refused(other.publish(), "metadata/timestamp.json: version 1 is the version already trusted, but its bytes differ")

    def test_expiry(self):
        self.repo = Repo()
        self.repo.expires["root"] += 86400 * 365
        self.gen1 = self.repo.publish()
        self.root = self.gen1["metadata/1.root.json"]
        self.refused(self.gen1, r"metadata/timestamp.json: expired at ", now=NOW + 86400 * 31)
        self.refused(self.gen1, r"metadata/root.json version 1: expired at ", now=NOW + 86400 * 400)

    def test_tampered_files(self):
        for path in ("pyodide-lock.json", "simple/demo/index.json", "packages/demo-1.0-py3-none-any.whl"):
            tree = dict(self.gen1, **{path: self.gen1[path][:-1] + b"?"})
            with self.subTest(path):
                self.refused(tree, f"hash mismatch on {path}: expected sha256")
        other = Repo()
        other.files["more"] = b"more"
        tree = dict(self.gen1, **{"metadata/targets.json": other.publish()["metadata/targets.json"]})
        self.refused(tree, "metadata/targets.json: 1013 bytes, more than the 873 expected")
        tree = dict(self.gen1, **{"metadata/targets.json": self.gen1["metadata/targets.json"].replace(b"1", b"2", 1)})
        self.refused(tree, "hash mismatch on metadata/targets.json")

    def test_wrong_and_invalid_signatures(self):
        tree = dict(self.gen1, **{"metadata/timestamp.json": Repo(b"other").publish()["metadata/timestamp.json"]})
        self.refused(tree, r"timestamp.json: 0 valid signature\(s\), threshold is 1 \(signature by key \w+ which is not a key of this role\)")
        doc = json.loads(self.gen1["metadata/timestamp.json"])
        doc["signed"]["version"] = 7
        tree = dict(self.gen1, **{"metadata/timestamp.json": json.dumps(doc).encode()})
        self.refused(tree, r"0 valid signature\(s\), threshold is 1 \(invalid signature by key")

    def test_threshold_counts_distinct_keys(self):
        repo = Repo()
        repo.keys["root"].append(Key(b"second root key"))
        repo.threshold["root"] = 2
        tree = repo.publish()
        self.root = tree["metadata/1.root.json"]
        self.verify(tree)
        doc = json.loads(tree["metadata/1.root.json"])
        doc["signatures"] = [doc["signatures"][0]] * 2
        with self.assertRaisesRegex(VerificationError, r"1 valid signature\(s\), threshold is 2 \(duplicate signature"):
            self.verify(tree, root=json.dumps(doc).encode())

    def test_root_rotation(self):
        old = self.repo.keys["root"]
        self.repo.keys["root"] = [Key(b"new root")]
        self.repo.keys["timestamp"] = [Key(b"new timestamp")]
        self.repo.publish_root(signers=old + self.repo.keys["root"])
        tree = self.repo.publish()
        self.assertEqual(self.verify(tree)["root"], 2)
        # Signed by the new keys only: the old root does not vouch for it.
        repo = Repo()
        repo.publish()
        repo.keys["root"] = [Key(b"new root")]
        repo.publish_root()
        self.state = {}
        self.refused(repo.publish(), r"2.root.json \(by the previous root's keys\): 0 valid signature")

    def test_pinned_root_by_sha256(self):
        import hashlib
        good = hashlib.sha256(self.root).hexdigest()
        idx = run(open_index(DictSource(self.gen1), root_sha256=good, state=DictStore(), now=NOW))
        self.assertEqual(run(idx.read("pyodide-lock.json")), self.gen1["pyodide-lock.json"])
        with self.assertRaisesRegex(VerificationError, "but the pinned root is"):
            run(open_index(DictSource(self.gen1), root_sha256="0" * 64, state=DictStore(), now=NOW))

    def test_read_only_signed_files(self):
        idx = run(open_index(DictSource(dict(self.gen1, extra=b"x")), root=self.root, state={}, now=NOW))
        with self.assertRaisesRegex(VerificationError, "^extra: not listed in metadata/targets.json$"):
            run(idx.read("extra"))

    def test_hostile_metadata(self):
        bomb = b'{"signed":{"x":' + b"[" * 8000 + b"]" * 8000 + b'},"signatures":[]}'
        self.refused(dict(self.gen1, **{"metadata/timestamp.json": bomb}), "nested deeper than 32 levels")
        self.refused(dict(self.gen1, **{"metadata/timestamp.json": b" " * 20000}), "more than the 16384 expected")
        dup = self.gen1["metadata/timestamp.json"].replace(b'"signed"', b'"signed": {}, "signed"', 1)
        self.refused(dict(self.gen1, **{"metadata/timestamp.json": dup}), 'duplicate key "signed"')

    def test_unsafe_target_path(self):
        self.repo.files["../escape"] = b"x"
        self.refused(self.repo.publish(), r'target path "\.\./escape" is not a plain path')


class FakeIndex:
    def __init__(self, files):
        self.files = files
        self.targets = {p: (len(d), "") for p, d in files.items()}

    async def read(self, path):
        if path not in self.files:
            raise VerificationError(f"{path}: not listed in metadata/targets.json")
        return self.files[path]


class InstallerReader(unittest.TestCase):
    def test_pages_and_files_map_to_signed_paths(self):
        page = {"name": "demo", "files": [{"filename": "demo-1.0-py3-none-any.whl",
                                           "url": "../../packages/demo-1.0-py3-none-any.whl"}]}
        index = FakeIndex({"simple/demo/index.json": json.dumps(page).encode(),
                           "packages/demo-1.0-py3-none-any.whl": b"wheel"})
        reader = _Reader(index, "http://127.0.0.1:1/repo/")
        text, headers = run(reader.page("http://127.0.0.1:1/repo/simple/demo/"))
        self.assertEqual(headers["content-type"], "application/vnd.pypi.simple.v1+json")
        url = json.loads(text)["files"][0]["url"]
        self.assertEqual(url, "http://127.0.0.1:1/repo/packages/demo-1.0-py3-none-any.whl")
        self.assertEqual(run(reader.read(url)), ("packages/demo-1.0-py3-none-any.whl", b"wheel"))
        with self.assertRaisesRegex(VerificationError, r"nothere: not in the index \(simple/nothere/index.json"):
            run(reader.read("http://127.0.0.1:1/repo/simple/nothere/"))
        with self.assertRaisesRegex(VerificationError, "not a file of the verified index"):
            run(reader.read("http://127.0.0.1:2/elsewhere.whl"))
        self.assertEqual(len(reader.problems), 2)


if __name__ == "__main__":
    unittest.main()
