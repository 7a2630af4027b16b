#!/usr/bin/env python3
"""Checks a repository's pyodide-lock.json against the lock-file model stock Pyodide 314's loader
and micropip read (pyodide-lock's PyodideLockSpec as Pyodide 314's own lock file follows it:
unknown keys forbidden, typed fields, known package types; info.abi_version is what the 314 loader
compares with its own, info.version is gone), then against the tree: every file_name exists under
packages/ with that sha256, every dependency (normalized, as the loader reads it) is a package of the same lock file, keys are
normalized names.
Usage: pyodide_lock_check.py [--model-only] REPO_DIR. --model-only checks the lock file alone (e.g.
a stock runtime's own, whose wheels are elsewhere). Prints one line per problem; exit 1 when there
is any."""
import hashlib
import json
import re
import sys
from pathlib import Path

INFO_FIELDS = {"arch": str, "platform": str, "version": str, "python": str, "abi_version": str}
INFO_REQUIRED = {"platform", "python", "abi_version"}
PACKAGE_FIELDS = {"name": str, "version": str, "file_name": str, "install_dir": str, "sha256": str,
                  "package_type": str, "imports": list, "depends": list, "unvendored_tests": bool,
                  "shared_library": bool, "tool": dict}
PACKAGE_REQUIRED = {"name", "version", "file_name", "install_dir", "sha256"}
PACKAGE_TYPES = {"package", "cpython_module", "shared_library", "static_library"}
INSTALL_DIRS = {"site", "stdlib", "dynlib"}


def check_object(where, obj, fields, required, problems):
    if not isinstance(obj, dict):
        problems.append(f"{where}: expected an object")
        return
    for key in obj:
        if key not in fields:
            problems.append(f"{where}: unknown key {key!r}")
    for key in required:
        if key not in obj:
            problems.append(f"{where}: missing {key!r}")
    for key, kind in fields.items():
        if key in obj and not isinstance(obj[key], kind):
            problems.append(f"{where}.{key}: expected {kind.__name__}")
        if kind is list and isinstance(obj.get(key), list):
            if not all(isinstance(x, str) for x in obj[key]):
                problems.append(f"{where}.{key}: expected a list of strings")


def check_package(repo, key, pkg, keys, problems, files=True):
    where = f"packages.{key}"
    check_object(where, pkg, PACKAGE_FIELDS, PACKAGE_REQUIRED, problems)
    if not isinstance(pkg, dict):
        return
    if pkg.get("install_dir") not in INSTALL_DIRS:
        problems.append(f"{where}.install_dir: {pkg.get('install_dir')!r} is not one of {sorted(INSTALL_DIRS)}")
    if pkg.get("package_type", "package") not in PACKAGE_TYPES:
        problems.append(f"{where}.package_type: {pkg.get('package_type')!r} is not a known type")
    if key != re.sub(r"[-_.]+", "-", str(pkg.get("name", ""))).lower():
        problems.append(f"{where}: key is not the normalized name of {pkg.get('name')!r}")
    for dep in pkg.get("depends", []):
        if re.sub(r"[-_.]+", "-", dep).lower() not in keys:  # the loader normalizes dependency names
            problems.append(f"{where}.depends: {dep!r} is not a package of this lock file")
    if not files:
        return
    wheel = repo / "packages" / str(pkg.get("file_name", ""))
    if not wheel.is_file():
        problems.append(f"{where}.file_name: {wheel} does not exist")
    elif hashlib.sha256(wheel.read_bytes()).hexdigest() != pkg.get("sha256"):
        problems.append(f"{where}.sha256: does not match {wheel}")


def main():
    args = sys.argv[1:]
    files = "--model-only" not in args
    repo = Path([a for a in args if a != "--model-only"][0])
    lock = json.loads((repo / "pyodide-lock.json").read_text())
    problems = []
    if not isinstance(lock, dict) or not {"info", "packages"} <= set(lock) <= {"info", "packages", "tool"}:
        problems.append("top level: expected 'info', 'packages' and optionally 'tool'")
    else:
        check_object("info", lock["info"], INFO_FIELDS, INFO_REQUIRED, problems)
        if lock["info"].get("arch", "wasm32") not in ("wasm32", "wasm64"):
            problems.append("info.arch: expected wasm32 or wasm64")
        if not re.fullmatch(r"\d{4}_\d+", str(lock["info"].get("abi_version", ""))):
            problems.append("info.abi_version: expected YEAR_PATCH, as the runtime's own (e.g. 2026_0)")
        if not isinstance(lock["packages"], dict):
            problems.append("packages: expected an object")
        else:
            for key, pkg in lock["packages"].items():
                check_package(repo, key, pkg, lock["packages"].keys(), problems, files)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
