"""Strict JSON parsing of text a hostile party may have written, with the rules of the C++ client
(index/validation/strict_json.cpp): valid UTF-8, no key twice in one object, at most 32 levels of
arrays and objects, nothing after the value. Integers that fit neither int64 nor uint64, and numbers
with a fraction or exponent, become floats (which canonical JSON then refuses), as in nlohmann::json.
"""

import json
import re

from .errors import VerificationError

MAX_JSON_DEPTH = 32  # signed metadata nests 6 deep

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_INT64_MIN = -(2**63)
_UINT64_MAX = 2**64 - 1


def _depth_problem(text):
    """True when arrays and objects nest deeper than MAX_JSON_DEPTH (strings skipped)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for m in _BRACKETS.finditer(_STRINGS.sub("", text)):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        else:
            depth -= 1
    return False


class _Duplicate(ValueError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key


def _object(pairs):
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return obj


def _integer(text):
    digits = text.lstrip("-")
    if len(digits) > 20:
        return float(text)
    value = int(text)
    if value < _INT64_MIN or value > _UINT64_MAX:
        return float(text)
    return value


def _constant(name):
    raise ValueError(f"{name} is not JSON")


def parse_strict_json(data, where):
    """Parses bytes (or str) strictly; raises VerificationError("WHERE: reason")."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as e:
            raise VerificationError(f"{where}: not valid JSON at byte {e.start}: invalid UTF-8") from None
    else:
        text = data
    if text.startswith("\ufeff"):  # nlohmann skips a byte order mark
        text = text[1:]
    if _depth_problem(text):
        raise VerificationError(f"{where}: nested deeper than {MAX_JSON_DEPTH} levels of arrays and objects")
    try:
        value = json.loads(text, object_pairs_hook=_object, parse_int=_integer, parse_float=float,
                           parse_constant=_constant)
    except _Duplicate as e:
        raise VerificationError(
            f'{where}: duplicate key "{e.key}" in one object (expected each key once)') from None
    except (ValueError, RecursionError) as e:
        pos = getattr(e, "pos", None)
        at = f" at byte {len(text[:pos].encode('utf-8', 'surrogatepass'))}" if pos is not None else ""
        reason = getattr(e, "msg", str(e))
        raise VerificationError(f"{where}: not valid JSON{at}: {reason}") from None
    if "\\u" in text or "\\U" in text:
        # An escaped lone surrogate is not a character: nlohmann refuses it, Python keeps it.
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise VerificationError(f"{where}: not valid JSON: an escaped surrogate without its pair") from None
    return value
