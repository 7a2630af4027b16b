# In stock Pyodide: the pure-Python Ed25519 verifier accepts RFC 8032 TEST 2 and refuses it with the
# message changed; the strict parser refuses a duplicate key and a nesting bomb; canonical JSON sorts
# keys. (WebCrypto's path is awaited, which a smoke test cannot do: tests/integration covers it.)
import verified_install as vi
from verified_install import ed25519, signatures
from verified_install.canonical_json import canonical_json
from verified_install.strict_json import parse_strict_json


def run_now(coro):
    """Runs a coroutine that never waits (the pure-Python backend) to its end."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    raise AssertionError("the coroutine waited")


key = bytes.fromhex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
sig = bytes.fromhex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
assert ed25519.verify(key, b"\x72", sig) and not ed25519.verify(key, b"\x73", sig)
vi.set_ed25519_backend("python")
assert run_now(signatures.verify(key, b"\x72", sig)) and not run_now(signatures.verify(key, b"\x73", sig))
for bad, why in ((b'{"a": 1, "a": 2}', "duplicate key"), (b"[" * 40 + b"]" * 40, "nested deeper")):
    try:
        parse_strict_json(bad, "t.json")
        raise AssertionError(f"accepted {bad[:20]!r}")
    except vi.VerificationError as e:
        assert why in str(e), e
assert canonical_json({"b": 1, "a": ["\"", "\\"]}) == b'{"a":["\\"","\\\\"],"b":1}'
print("verified_install", vi.__version__, "ok")
