"""Canonical JSON, the bytes signatures cover (index/validation/canonical_json.cpp): object keys
sorted by byte value, no whitespace, only '"' and '\\' escaped in strings, integers only."""

from .errors import VerificationError
from .strict_json import MAX_JSON_DEPTH


class _Problem(Exception):
    def __init__(self, what):
        super().__init__(what)
        self.path = ""
        self.what = what


def _string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _append(out, value, depth):
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, (list, dict)):
        if depth >= MAX_JSON_DEPTH:
            raise _Problem(f"is nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(value, list):
            out.append("[")
            for i, item in enumerate(value):
                if i:
                    out.append(",")
                try:
                    _append(out, item, depth + 1)
                except _Problem as p:
                    p.path = f"[{i}]" + p.path
                    raise
            out.append("]")
        else:
            out.append("{")
            # Code point order of str is the byte order of its UTF-8 form.
            for i, key in enumerate(sorted(value)):
                if i:
                    out.append(",")
                out.append(_string(key))
                out.append(":")
                try:
                    _append(out, value[key], depth + 1)
                except _Problem as p:
                    p.path = "." + key + p.path
                    raise
            out.append("}")
    elif isinstance(value, float):
        raise _Problem("is a floating-point number; only integers are allowed")
    else:
        raise _Problem("has an unsupported type")


def canonical_json(value):
    """The canonical encoding of value as bytes; raises VerificationError("canonical JSON: ...")."""
    out = []
    try:
        _append(out, value, 0)
    except _Problem as p:
        raise VerificationError(f"canonical JSON: {p.path or 'value'} {p.what}") from None
    return "".join(out).encode("utf-8")
