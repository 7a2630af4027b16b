"""Ed25519 verification for the metadata: the platform's WebCrypto in Pyodide when it offers Ed25519
(checked once against RFC 8032 TEST 1), else the pure-Python verifier (ed25519.py)."""

from . import ed25519
from .platform import in_pyodide

_TEST1_KEY = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
_TEST1_SIG = bytes.fromhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb882159"
                           "0a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")

_forced = None        # "webcrypto" | "python" | None (choose)
_webcrypto_ok = None  # probed once
_keys = {}            # public key bytes -> CryptoKey


def set_backend(name):
    """"python" forces the pure-Python verifier, "webcrypto" requires WebCrypto, None chooses."""
    global _forced
    if name not in (None, "python", "webcrypto"):
        raise ValueError(f"unknown Ed25519 backend {name!r} (expected 'python', 'webcrypto' or None)")
    _forced = name


async def backend():
    """The backend in use: "webcrypto" or "python"."""
    global _webcrypto_ok
    if _forced == "python":
        return "python"
    if _webcrypto_ok is None:
        _webcrypto_ok = in_pyodide() and await _probe()
    if _forced == "webcrypto" and not _webcrypto_ok:
        raise RuntimeError("WebCrypto Ed25519 is not available here")
    return "webcrypto" if _webcrypto_ok else "python"


async def _probe():
    try:
        return await _webcrypto_verify(_TEST1_KEY, b"", _TEST1_SIG) and not await _webcrypto_verify(
            _TEST1_KEY, b"x", _TEST1_SIG)
    except Exception:
        return False


def _algorithm():
    import js
    from pyodide.ffi import to_js

    return to_js({"name": "Ed25519"}, dict_converter=js.Object.fromEntries)


async def _webcrypto_verify(public_key, message, signature):
    import js
    from pyodide.ffi import to_js

    key = _keys.get(public_key)
    if key is None:
        key = await js.crypto.subtle.importKey("raw", to_js(public_key), _algorithm(), False,
                                               to_js(["verify"]))
        _keys[public_key] = key
    return bool(await js.crypto.subtle.verify(_algorithm(), key, to_js(signature), to_js(message)))


async def verify(public_key, message, signature):
    """True when signature is a valid Ed25519 signature of message by public_key (raw bytes)."""
    if len(public_key) != 32 or len(signature) != 64:
        return False
    if await backend() == "python":
        return ed25519.verify(public_key, message, signature)
    try:
        return await _webcrypto_verify(bytes(public_key), bytes(message), bytes(signature))
    except Exception:  # a key WebCrypto cannot import (not a curve point) verifies nothing
        return False
