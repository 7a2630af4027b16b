#!/usr/bin/env python3
"""Writes hostile-dotdot.tar.gz: a tarball whose second entry climbs out of the destination with
'../'. Unpackers must refuse it and write nothing outside. Deterministic: fixed mtimes, no gzip
timestamp, so re-running it gives the same bytes.

Usage: make_hostile.py [OUTPUT]   (default: hostile-dotdot.tar.gz next to this script)
"""
import gzip
import io
import os
import sys
import tarfile

ENTRIES = [
    ("pkg-1.0/README", b"An innocent-looking file first.\n"),
    ("../wb-hostile-escaped.txt", b"This file must never be written.\n"),
]


def build() -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in ENTRIES:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            info.mtime = 1700000000
            info.uname = info.gname = "root"
            tar.addfile(info, io.BytesIO(data))
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0) as gz:
        gz.write(raw.getvalue())
    return packed.getvalue()


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "hostile-dotdot.tar.gz")
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(build())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
