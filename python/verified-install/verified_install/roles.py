"""The four roles' metadata (index/validation/roles.cpp, keys.cpp, signer.cpp): parsing with the
same rules and messages, the signed envelope, and counting threshold-many valid signatures."""

import hashlib
import re
from dataclasses import dataclass, field

from . import signatures
from .canonical_json import canonical_json
from .errors import VerificationError
from .strict_json import parse_strict_json

ROLES = ("root", "targets", "snapshot", "timestamp")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}\Z")
_UINT64_MAX = 2**64 - 1


def _bad(where, what):
    return VerificationError(f"{where}: {what}")


def is_unsigned(value):
    return type(value) is int and 0 <= value <= _UINT64_MAX


def is_sha256_hex(value):
    return isinstance(value, str) and _SHA256_HEX.match(value) is not None


def hex_decode(text):
    """Bytes of a hex string (either case), or None."""
    if len(text) % 2 or not all(c in "0123456789abcdefABCDEF" for c in text):
        return None
    return bytes.fromhex(text)


# --- dates: "YYYY-MM-DDTHH:MM:SSZ", parsed as sscanf("%4d-%2d-%2dT%2d:%2d:%2dZ%n") + timegm would ---

_FIELD = re.compile(r"[ \t\n\v\f\r]*([+-]?\d+)")


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z):
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return yoe + era * 400 + (m <= 2), m, d


def parse_utc(text):
    """Seconds since the epoch of a date as the C++ client reads it; raises VerificationError."""
    values, pos = [], 0
    for width, sep in ((4, "-"), (2, "-"), (2, "T"), (2, ":"), (2, ":"), (2, "Z")):
        m = _FIELD.match(text, pos)
        if not m:
            break
        number = m.group(1)[:width] if len(m.group(1)) > width else m.group(1)
        if number in ("+", "-"):
            break
        values.append(int(number))
        pos = m.start(1) + len(number)
        if text[pos:pos + 1] != sep:
            break
        pos += 1
    else:
        y, mo, d, h, mi, s = values
        if pos == len(text) and 1 <= mo <= 12 and 1 <= d <= 31 and h <= 23 and mi <= 59 and s <= 60:
            return _days_from_civil(y, mo, 1) * 86400 + (d - 1) * 86400 + h * 3600 + mi * 60 + s
    raise VerificationError(f'"{text}" is not a UTC date of the form YYYY-MM-DDTHH:MM:SSZ')


def format_utc(seconds):
    days, rest = divmod(int(seconds), 86400)
    y, m, d = _civil_from_days(days)
    return f"{y:04}-{m:02}-{d:02}T{rest // 3600:02}:{rest // 60 % 60:02}:{rest % 60:02}Z"


# --- keys and the envelope ---

def key_id(public_hex):
    return hashlib.sha256(canonical_json(
        {"keytype": "ed25519", "scheme": "ed25519", "keyval": {"public": public_hex}})).hexdigest()


def parse_public_key(value):
    """The key's lowercase hex; raises VerificationError (without a file name)."""
    def has(name, want):
        return isinstance(value.get(name), str) and value[name] == want

    if (not isinstance(value, dict) or not has("keytype", "ed25519") or not has("scheme", "ed25519")
            or not isinstance(value.get("keyval"), dict) or not isinstance(value["keyval"].get("public"), str)):
        raise VerificationError(
            'key: expected {"keytype":"ed25519","scheme":"ed25519","keyval":{"public":HEX}}')
    text = value["keyval"]["public"]
    raw = hex_decode(text)
    if raw is None or len(raw) != 32:
        raise VerificationError(f'key: public key "{text}" is not 32 bytes of hex')
    return raw.hex()


@dataclass
class Envelope:
    signed: dict
    signatures: list        # [(keyid, sig hex)]
    canonical_signed: bytes


def parse_envelope(data, where):
    doc = parse_strict_json(data, where)
    if (not isinstance(doc, dict) or not isinstance(doc.get("signed"), dict)
            or not isinstance(doc.get("signatures"), list)):
        raise _bad(where, 'expected an object with "signed" and "signatures"')
    sigs = []
    for s in doc["signatures"]:
        if not isinstance(s, dict) or not isinstance(s.get("keyid"), str) or not isinstance(s.get("sig"), str):
            raise _bad(where, 'each signature needs "keyid" and "sig" strings')
        sigs.append((s["keyid"], s["sig"]))
    try:
        canonical = canonical_json(doc["signed"])
    except VerificationError as e:
        raise _bad(where, str(e)) from None
    return Envelope(doc["signed"], sigs, canonical)


@dataclass
class RoleKeys:
    key_ids: list
    threshold: int


async def check_signatures(env, keys, role_keys, where):
    """At least role_keys.threshold distinct authorized keys made valid signatures (signer.cpp)."""
    counted, notes = set(), []
    for kid, sig_hex in env.signatures:
        if kid not in role_keys.key_ids or kid not in keys:
            notes.append(f"signature by key {kid} which is not a key of this role")
        elif kid in counted:
            notes.append(f"duplicate signature by key {kid} counted once")
        else:
            sig = hex_decode(sig_hex)
            if sig is None or len(sig) != 64 or not await signatures.verify(
                    bytes.fromhex(keys[kid]), env.canonical_signed, sig):
                notes.append(f"invalid signature by key {kid}")
            else:
                counted.add(kid)
    if len(counted) >= role_keys.threshold:
        return
    detail = f" ({'; '.join(notes)})" if notes else ""
    raise VerificationError(f"{where}: {len(counted)} valid signature(s), threshold is {role_keys.threshold}{detail}")


# --- the roles ---

@dataclass
class MetaFileInfo:
    version: int
    length: int
    sha256: str


@dataclass
class Meta:
    version: int
    expires: int
    keys: dict = field(default_factory=dict)      # root: key id -> public hex
    roles: dict = field(default_factory=dict)     # root: role -> RoleKeys
    targets: dict = field(default_factory=dict)   # targets: path -> (length, sha256)
    meta: dict = field(default_factory=dict)      # snapshot/timestamp: file name -> MetaFileInfo


def _common(s, role, where):
    if not isinstance(s, dict):
        raise _bad(where, 'expected a JSON object under "signed"')
    if s.get("_type") != role or not isinstance(s.get("_type"), str):
        raise _bad(where, f'expected "_type": "{role}"')
    if not is_unsigned(s.get("version")) or s["version"] == 0:
        raise _bad(where, 'expected "version": a positive integer')
    if not isinstance(s.get("expires"), str):
        raise _bad(where, 'expected "expires": a date')
    try:
        expires = parse_utc(s["expires"])
    except VerificationError as e:
        raise _bad(where, str(e)) from None
    return Meta(s["version"], expires)


def _meta_info(v, where, name):
    if (not isinstance(v, dict) or not is_unsigned(v.get("version")) or not is_unsigned(v.get("length"))
            or not isinstance(v.get("hashes"), dict) or not is_sha256_hex(v["hashes"].get("sha256"))):
        raise _bad(where, f'meta "{name}": expected version, length and hashes.sha256')
    return MetaFileInfo(v["version"], v["length"], v["hashes"]["sha256"])


def parse_root(s, where):
    m = _common(s, "root", where)
    if not isinstance(s.get("keys"), dict) or not isinstance(s.get("roles"), dict):
        raise _bad(where, 'expected "keys" and "roles" objects')
    for kid in sorted(s["keys"]):
        try:
            public = parse_public_key(s["keys"][kid])
        except VerificationError as e:
            raise _bad(where, f"key {kid}: {e}") from None
        if key_id(public) != kid:
            raise _bad(where, f"key id {kid} does not match its key")
        m.keys[kid] = public
    for role in ROLES:
        r = s["roles"].get(role)
        if (not isinstance(r, dict) or not isinstance(r.get("keyids"), list) or not is_unsigned(r.get("threshold"))
                or r["threshold"] == 0):
            raise _bad(where, f'role {role}: expected "keyids" and a positive "threshold"')
        for kid in r["keyids"]:
            if not isinstance(kid, str) or kid not in m.keys:
                shown = f'"{kid}"' if isinstance(kid, str) else repr(kid)
                raise _bad(where, f'role {role}: key id {shown} is not listed under "keys"')
        m.roles[role] = RoleKeys(list(r["keyids"]), r["threshold"])
    return m


def parse_targets(s, where):
    m = _common(s, "targets", where)
    if not isinstance(s.get("targets"), dict):
        raise _bad(where, 'expected a "targets" object')
    for path in sorted(s["targets"]):
        v = s["targets"][path]
        if (not isinstance(v, dict) or not is_unsigned(v.get("length")) or not isinstance(v.get("hashes"), dict)
                or not is_sha256_hex(v["hashes"].get("sha256"))):
            raise _bad(where, f'target "{path}": expected length and hashes.sha256')
        m.targets[path] = (v["length"], v["hashes"]["sha256"])
    return m


def parse_snapshot(s, where):
    m = _common(s, "snapshot", where)
    if not isinstance(s.get("meta"), dict) or "targets.json" not in s["meta"]:
        raise _bad(where, 'expected "meta" with an entry for targets.json')
    for name in sorted(s["meta"]):
        m.meta[name] = _meta_info(s["meta"][name], where, name)
    return m


def parse_timestamp(s, where):
    m = _common(s, "timestamp", where)
    if not isinstance(s.get("meta"), dict) or "snapshot.json" not in s["meta"]:
        raise _bad(where, 'expected "meta" with an entry for snapshot.json')
    m.meta["snapshot.json"] = _meta_info(s["meta"]["snapshot.json"], where, "snapshot.json")
    return m


PARSERS = {"root": parse_root, "targets": parse_targets, "snapshot": parse_snapshot, "timestamp": parse_timestamp}
