#!/usr/bin/env python3
"""Checks a repository's pyodide-lock.json against the lock-file model Pyodide's loader and
micropip read (pyodide-lock's PyodideLockSpec: unknown keys forbidden, typed fields, known package
types), then against the tree: every file_name exists under packages/ with that sha256, every
dependency is a package of the same lock file, keys are normalized names.
Usage: pyodide_lock_check.py REPO_DIR. Prints one line per problem; exit 1 when there is any."""
import hashlib
import json
import re
import sys
from pathlib import Path

INFO_FIELDS = {"arch": str, "platform": str, "version": str, "python": str, "abi_version": str}
INFO_REQUIRED = {"platform", "version", "python"}
PACKAGE_FIELDS = {"name": str, "version": str, "file_name": str, "install_dir": str, "sha256": str,
                  "package_type": str, "imports": list, "depends": list, "unvendored_tests": bool,
                  "shared_library": bool}
PACKAGE_REQUIRED = {"name", "version", "file_name", "install_dir"}
PACKAGE_TYPES = {"package", "cpython_module", "shared_library", "static_library"}


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


def check_package(repo, key, pkg, keys, problems):
    where = f"packages.{key}"
    check_object(where, pkg, PACKAGE_FIELDS, PACKAGE_REQUIRED, problems)
    if not isinstance(pkg, dict):
        return
    if pkg.get("package_type", "package") not in PACKAGE_TYPES:
        problems.append(f"{where}.package_type: {pkg.get('package_type')!r} is not a known type")
    if key != re.sub(r"[-_.]+", "-", str(pkg.get("name", ""))).lower():
        problems.append(f"{where}: key is not the normalized name of {pkg.get('name')!r}")
    for dep in pkg.get("depends", []):
        if dep not in keys:
            problems.append(f"{where}.depends: {dep!r} is not a package of this lock file")
    wheel = repo / "packages" / str(pkg.get("file_name", ""))
    if not wheel.is_file():
        problems.append(f"{where}.file_name: {wheel} does not exist")
    elif hashlib.sha256(wheel.read_bytes()).hexdigest() != pkg.get("sha256"):
        problems.append(f"{where}.sha256: does not match {wheel}")


def main():
    repo = Path(sys.argv[1])
    lock = json.loads((repo / "pyodide-lock.json").read_text())
    problems = []
    if not isinstance(lock, dict) or set(lock) != {"info", "packages"}:
        problems.append("top level: expected exactly 'info' and 'packages'")
    else:
        check_object("info", lock["info"], INFO_FIELDS, INFO_REQUIRED, problems)
        if lock["info"].get("arch", "wasm32") not in ("wasm32", "wasm64"):
            problems.append("info.arch: expected wasm32 or wasm64")
        if not isinstance(lock["packages"], dict):
            problems.append("packages: expected an object")
        else:
            for key, pkg in lock["packages"].items():
                check_package(repo, key, pkg, lock["packages"].keys(), problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
