"""The client's update of the signed metadata from a trusted root (index/validation/metadata_client.cpp):
the versioned roots, then timestamp, snapshot and targets, with signatures, thresholds, expiry,
hashes and lengths, and versions that never go back."""

import hashlib
from dataclasses import dataclass, field

from .errors import VerificationError
from .roles import format_utc, parse_envelope, PARSERS, check_signatures

MAX_ROOT_BYTES = 128 * 1024
MAX_TIMESTAMP_BYTES = 16 * 1024
_MAX_ROOT_ROTATIONS = 1024


@dataclass
class TrustedVersions:
    timestamp: int = 0
    snapshot: int = 0
    targets: int = 0
    timestamp_sha256: str = ""
    snapshot_sha256: str = ""
    targets_sha256: str = ""


@dataclass
class UpdatedMetadata:
    root: object = None
    root_text: bytes = b""
    roots: list = field(default_factory=list)  # [(version, bytes)] read after the trusted one
    timestamp: object = None
    timestamp_text: bytes = b""
    snapshot: object = None
    snapshot_text: bytes = b""
    targets: object = None
    targets_text: bytes = b""

    def versions(self):
        """The versions to remember for the next run."""
        def sha(b):
            return hashlib.sha256(b).hexdigest()

        return TrustedVersions(self.timestamp.version, self.snapshot.version, self.targets.version,
                               sha(self.timestamp_text), sha(self.snapshot_text), sha(self.targets_text))


def is_safe_relative_path(path):
    """Relative paths of plain components: no "..", ".", empty parts, backslashes or NUL."""
    return (path != "" and "\0" not in path and "\\" not in path and not path.startswith("/")
            and all(part not in ("", ".", "..") for part in path.split("/")))


async def _read_required(source, path, max_bytes):
    data = await source.read(path, max_bytes)
    if data is None:
        raise VerificationError(f"{source.describe(path)}: missing")
    return data


def _check_expiry(file, expires, now):
    if expires <= now:
        raise VerificationError(f"{file}: expired at {format_utc(expires)} (now {format_utc(now)})")


def _check_rollback(file, trusted, seen):
    if seen < trusted:
        raise VerificationError(f"{file}: rolled back from version {trusted} to {seen}")


def check_hash(file, data, length, sha256):
    sha = hashlib.sha256(data).hexdigest()
    if len(data) != length or sha != sha256:
        raise VerificationError(f"hash mismatch on {file}: expected sha256 {sha256} ({length} bytes), "
                                f"got {sha} ({len(data)} bytes)")


def _check_same_version(file, trusted, trusted_sha256, seen, data):
    if seen != trusted or not trusted_sha256:
        return
    sha = hashlib.sha256(data).hexdigest()
    if sha != trusted_sha256:
        raise VerificationError(f"{file}: version {seen} is the version already trusted, but its bytes differ "
                                f"from the trusted copy (sha256 {sha}, trusted {trusted_sha256})")


async def _read_role(source, root, role, data):
    where = source.describe(f"metadata/{role}.json")
    env = parse_envelope(data, where)
    await check_signatures(env, root.keys, root.roles[role], where)
    return PARSERS[role](env.signed, where)


async def parse_trusted_root(data, where):
    env = parse_envelope(data, where)
    root = PARSERS["root"](env.signed, where)
    await check_signatures(env, root.keys, root.roles["root"], where)
    return root


async def _update_root(source, out, trusted):
    start = out.root
    for _ in range(_MAX_ROOT_ROTATIONS):
        nxt = out.root.version + 1
        path = f"metadata/{nxt}.root.json"
        data = await source.read(path, MAX_ROOT_BYTES)
        if data is None:
            break
        where = source.describe(path)
        env = parse_envelope(data, where)
        await check_signatures(env, out.root.keys, out.root.roles["root"], where + " (by the previous root's keys)")
        root = PARSERS["root"](env.signed, where)
        await check_signatures(env, root.keys, root.roles["root"], where + " (by its own keys)")
        if root.version != nxt:
            raise VerificationError(f"{where}: holds version {root.version}, expected {nxt}")
        out.root, out.root_text = root, data
        out.roots.append((nxt, data))
    # New timestamp or snapshot keys: forget their versions (recovery from a fast-forward attack).
    if start.roles["timestamp"] != out.root.roles["timestamp"]:
        trusted.timestamp = 0
    if start.roles["snapshot"] != out.root.roles["snapshot"]:
        trusted.timestamp = trusted.snapshot = 0
    if start.roles["targets"] != out.root.roles["targets"]:
        trusted.targets = 0


def _check_against_trusted(file, trusted_version, trusted_sha256, version, data):
    """Not older than the version trusted, and the very bytes trusted if it is that version."""
    _check_rollback(file, trusted_version, version)
    _check_same_version(file, trusted_version, trusted_sha256, version, data)


async def _update_timestamp(source, out, trusted, now):
    file = "metadata/timestamp.json"
    data = await _read_required(source, file, MAX_TIMESTAMP_BYTES)
    ts = await _read_role(source, out.root, "timestamp", data)
    _check_against_trusted(file, trusted.timestamp, trusted.timestamp_sha256, ts.version, data)
    _check_rollback("metadata/snapshot.json (as timestamp.json lists it)", trusted.snapshot,
                    ts.meta["snapshot.json"].version)
    _check_expiry(file, ts.expires, now)
    out.timestamp, out.timestamp_text = ts, data


async def _read_listed(source, root, role, parent, parent_name):
    """A role's file as its parent lists it: that length and sha256, then signed, of that version."""
    file = f"metadata/{role}.json"
    expected = parent.meta[f"{role}.json"]
    data = await _read_required(source, file, expected.length)
    check_hash(file, data, expected.length, expected.sha256)
    meta = await _read_role(source, root, role, data)
    if meta.version != expected.version:
        raise VerificationError(f"{file}: version {meta.version}, but {parent_name} says {expected.version}")
    return file, meta, data


async def _update_snapshot(source, out, trusted, now):
    file, snap, data = await _read_listed(source, out.root, "snapshot", out.timestamp, "timestamp.json")
    _check_against_trusted(file, trusted.snapshot, trusted.snapshot_sha256, snap.version, data)
    _check_rollback("metadata/targets.json (as snapshot.json lists it)", trusted.targets,
                    snap.meta["targets.json"].version)
    _check_expiry(file, snap.expires, now)
    out.snapshot, out.snapshot_text = snap, data


async def _update_targets(source, out, trusted, now):
    file, targets, data = await _read_listed(source, out.root, "targets", out.snapshot, "snapshot.json")
    _check_against_trusted(file, trusted.targets, trusted.targets_sha256, targets.version, data)
    _check_expiry(file, targets.expires, now)
    for path in targets.targets:
        if not is_safe_relative_path(path) or path.startswith("metadata/"):
            raise VerificationError(f'{file}: target path "{path}" is not a plain path inside the tree')
    out.targets, out.targets_text = targets, data


async def update_metadata(source, trusted_root_text, trusted, now):
    """Runs the update from the newest trusted root; trusted: the TrustedVersions accepted last time
    (a copy is changed). Raises VerificationError naming the file and the reason."""
    trusted = TrustedVersions(**vars(trusted))
    out = UpdatedMetadata()
    out.root = await parse_trusted_root(trusted_root_text, "trusted root")
    out.root_text = trusted_root_text
    await _update_root(source, out, trusted)
    _check_expiry(f"metadata/root.json version {out.root.version}", out.root.expires, now)
    await _update_timestamp(source, out, trusted, now)
    await _update_snapshot(source, out, trusted, now)
    await _update_targets(source, out, trusted, now)
    return out
