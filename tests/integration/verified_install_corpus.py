"""Runs the Python verifier (python/verified-install) over a corpus of repositories and prints one
JSON line per case: {"case", "verdict": "accept"|"refuse", "message", "state_unchanged"}. Runs under
CPython and inside stock Pyodide (through builder/runtime/tools/wb_pyodide.js, the corpus mounted).
  verified_install_corpus.py PACKAGE_DIR CASES_JSON BACKEND(python|webcrypto|auto) COLUMN
Each case: {"name", "source" (a directory or URL; "{url}" is replaced by the column's base URL),
"root" (file), "state" (a directory to copy as the starting trust state, or null), "now" (epoch or null)}."""

import asyncio
import hashlib
import json
import os
import shutil
import sys
import tempfile


def digest(top):
    h = hashlib.sha256()
    for base, dirs, files in os.walk(top):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(base, name)
            h.update(os.path.relpath(path, top).encode() + b"\0")
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "ed25519", "rfc8032.json")


async def check_vectors(used, column):
    """RFC 8032's vectors (tests/data/ed25519/rfc8032.json, which the C++ verifier checks too) through
    the backend in use: each verifies, and with its message or signature altered does not."""
    from verified_install import signatures

    with open(VECTORS) as f:
        vectors = json.load(f)["vectors"]
    passed = 0
    for v in vectors:
        key, msg, sig = bytes.fromhex(v["public"]), bytes.fromhex(v["message"]), bytes.fromhex(v["signature"])
        ok = await signatures.verify(key, msg, sig)
        altered = await signatures.verify(key, msg + b"\0", sig) or \
            await signatures.verify(key, msg, sig[:63] + bytes([sig[63] ^ 1]))
        passed += ok and not altered
    print(json.dumps({"vectors": len(vectors), "vectors_passed": passed, "column": column, "backend": used}),
          flush=True)


async def main(package_dir, cases_file, backend, column, base_url=""):
    sys.path.insert(0, package_dir)
    import verified_install as vi

    vi.set_ed25519_backend(None if backend == "auto" else backend)
    used = await vi.ed25519_backend()
    await check_vectors(used, column)
    with open(cases_file) as f:
        cases = json.load(f)
    # On the host disk (the working directory is mounted in Pyodide): the Node file store reads it there.
    scratch = tempfile.mkdtemp(prefix="vi-corpus-", dir=os.getcwd())
    for case in cases:
        if "{url}" in case["source"] and not base_url:
            continue
        state = os.path.join(scratch, case["name"])
        if case.get("state"):
            shutil.copytree(case["state"], state)
        else:
            os.makedirs(state)
        before = digest(state)
        with open(case["root"], "rb") as f:
            root = f.read()
        try:
            await vi.verify_repository(case["source"].replace("{url}", base_url), root=root, state=state,
                                       now=case.get("now"))
            verdict, message = "accept", ""
        except vi.VerificationError as e:
            verdict, message = "refuse", str(e)
        print(json.dumps({"case": case["name"], "column": column, "backend": used, "verdict": verdict,
                          "message": message, "state_unchanged": digest(state) == before}), flush=True)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))
