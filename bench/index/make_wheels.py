#!/usr/bin/env python3
"""Writes synthetic wheels (valid zip, METADATA, WHEEL, RECORD) for the repository benchmarks and
tests: `make_wheels.py OUT_DIR COUNT [--prefix NAME] [--start N] [--versions K] [--tag TAG]`.
Wheel i is project PREFIX-i (or PREFIX-(i//K) version 1.(i%K) with --versions K), depending on
the previous project, with one top-level package."""
import argparse
import base64
import hashlib
import os
import zipfile


def record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def write_wheel(out_dir, name, version, tag, requires):
    escaped = name.replace("-", "_")
    dist_info = f"{escaped}-{version}.dist-info"
    meta = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
            f"Summary: synthetic package {name}", "Requires-Python: >=3.11"]
    meta += [f"Requires-Dist: {r}" for r in requires]
    files = {
        f"{escaped}/__init__.py": f"NAME = {name!r}\nVERSION = {version!r}\n".encode(),
        f"{dist_info}/METADATA": ("\n".join(meta) + "\n\n").encode(),
        f"{dist_info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: make_wheels\nRoot-Is-Purelib: true\nTag: {tag}\n".encode(),
    }
    record = "".join(f"{path},{record_hash(data)},{len(data)}\n" for path, data in files.items())
    record += f"{dist_info}/RECORD,,\n"
    path = os.path.join(out_dir, f"{escaped}-{version}-{tag}.whl")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in files.items():
            info = zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(info, data, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo(f"{dist_info}/RECORD", date_time=(2024, 1, 1, 0, 0, 0)), record)
    return path


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("count", type=int)
    p.add_argument("--prefix", default="synth")
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--versions", type=int, default=1)
    p.add_argument("--tag", default="py3-none-any")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.start, a.start + a.count):
        project, minor = divmod(i, a.versions)
        name = f"{a.prefix}-{project}"
        requires = [f"{a.prefix}-{project - 1}"] if project > 0 else []
        write_wheel(a.out, name, f"1.{minor}", a.tag, requires)


if __name__ == "__main__":
    main()
