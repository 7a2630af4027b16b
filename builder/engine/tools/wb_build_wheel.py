"""Builds the wheel of the source tree in the current directory with its own PEP 517 backend.

Runs inside the build sandbox with the toolchain root's Python and build tools, never installing
anything (no network): the backend named by pyproject.toml (setuptools' legacy backend when there
is none) must already be importable. Config settings come from the command line as KEY=VALUE (a
key given twice becomes a list, as pip's -C does). A meson-python backend also gets the platform's
meson cross file, then the compiler front end's layer over it.

usage: wb_build_wheel.py OUT_DIR [KEY=VALUE ...]
"""
import importlib
import os
import sys
import tomllib


def backend_of(tree):
    path = os.path.join(tree, "pyproject.toml")
    system = {}
    if os.path.exists(path):
        with open(path, "rb") as f:
            system = tomllib.load(f).get("build-system", {})
    name = system.get("build-backend", "setuptools.build_meta:__legacy__")
    for entry in system.get("backend-path", []):
        sys.path.insert(0, os.path.join(tree, entry))
    module, _, attr = name.partition(":")
    backend = importlib.import_module(module)
    for part in filter(None, attr.split(".")):
        backend = getattr(backend, part)
    return module, backend


def config_settings(pairs):
    settings = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            sys.exit(f"wb_build_wheel: config setting '{pair}': expected KEY=VALUE")
        if key in settings:
            old = settings[key]
            settings[key] = (old if isinstance(old, list) else [old]) + [value]
        else:
            settings[key] = value
    return settings


def main(argv):
    if len(argv) < 1:
        sys.exit(__doc__)
    out = argv[0]
    settings = config_settings(argv[1:])
    module, backend = backend_of(os.getcwd())
    cross = [f for f in (os.environ.get("WB_MESON_CROSS_FILE"), os.environ.get("WB_MESON_FRONTEND_FILE")) if f]
    if module.startswith("mesonpy") and cross:
        setup = settings.get("setup-args", [])
        setup = setup if isinstance(setup, list) else [setup]
        settings["setup-args"] = [f"--cross-file={f}" for f in cross] + setup
    os.makedirs(out, exist_ok=True)
    name = backend.build_wheel(out, config_settings=settings or None)
    print(f"wb_build_wheel: {module} built {name}")


if __name__ == "__main__":
    main(sys.argv[1:])
