"""The page's helpers inside Pyodide (worker.mjs writes this file into its file system and imports
it): which of the repository's packages a piece of code needs, installing them with micropip from
the repository's simple index, and running the editor's code in __main__ with a traceback that
starts at the user's code. Results go back to JavaScript as JSON strings.

With a pinned root (configure_verified) every install goes through verified_install: the signed
metadata is checked (timestamp -> snapshot -> targets, rollback against the trust state kept in the
browser's IndexedDB) and micropip reads only files whose length and sha256 targets.json signs."""

import importlib.metadata
import json
import linecache
import re
import sys
import traceback
from urllib.parse import urljoin

import __main__
from pyodide.code import eval_code_async, find_imports

FILENAME = "<editor>"

_by_import = {}  # top-level import name -> the package that provides it
_by_sha256 = {}  # sha256 -> file name, to name a wheel that micropip refused
_micropip = None  # imported by configure(), once the worker has unpacked it
_verified = None  # (index URL, root sha256) once configure_verified() has checked the repository


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _read_lock(lock):
    for entry in lock.get("packages", {}).values():
        name = canonical(entry["name"])
        _by_sha256[entry.get("sha256", "")] = entry.get("file_name", name)
        for module in entry.get("imports", []):
            _by_import[module] = name


async def configure_verified(index_url, root_sha256):
    """Verifies the repository's signed metadata from the root pinned by root_sha256 (its
    metadata/1.root.json), then its lock file against targets.json, and installs micropip from it,
    verified. Returns the lock file as JSON text; raises verified_install.VerificationError (its
    message names the file and what was wrong) and then nothing of the repository is used."""
    global _verified, _micropip
    import verified_install

    index = await verified_install.open_index(index_url, root_sha256=root_sha256)
    lock = json.loads(await index.read("pyodide-lock.json"))
    await verified_install.ensure_micropip(index)
    await index.commit()
    import micropip

    _read_lock(lock)
    _micropip = micropip
    _verified = (index_url, root_sha256)
    return json.dumps(lock)


def configure(lock_text, simple_url):
    """Reads the repository's lock file (what provides which import) and points micropip at the
    repository's PEP 691 simple index: micropip resolves dependencies there (PEP 658 metadata) and
    checks every wheel against the sha256 the index publishes."""
    global _micropip
    import micropip

    _read_lock(json.loads(lock_text))
    _resolve_relative_urls(micropip)
    micropip.set_index_urls([simple_url])
    _micropip = micropip


def _resolve_relative_urls(micropip):
    """micropip 0.11 resolves a relative file URL in a PEP 503 HTML page against the page's URL, but
    not in a PEP 691 JSON page (it passes index_base_url=""), and then refuses the URL as "not
    remote". Our index's project pages link wheels as ../../packages/NAME (valid in both forms, and
    what lets one tree be served from any host): resolve them against the page, as PEP 691 says."""
    from micropip import package_index

    select = package_index._select_parser
    if getattr(select, "wb_resolves", False):
        return

    def select_parser(content_type, pkgname, index_base_url):
        parse = select(content_type, pkgname, index_base_url)
        if content_type.split(";")[0].strip().lower() != "application/vnd.pypi.simple.v1+json":
            return parse

        def parse_json(data):
            page = json.loads(data)
            for file in page.get("files", []):
                file["url"] = urljoin(index_base_url, file["url"])
            return parse(page)

        return parse_json

    select_parser.wb_resolves = True
    package_index._select_parser = select_parser


def installed():
    """JSON: {canonical name: version} of every installed distribution (micropip's list() leaves
    out micropip itself, which the worker unpacked)."""
    return json.dumps({canonical(d.name): d.version for d in importlib.metadata.distributions()})


def wanted(code):
    """JSON: the repository's packages that provide what `code` imports and are not installed."""
    try:
        modules = find_imports(code)
    except SyntaxError:
        return "[]"  # run() reports it
    have = json.loads(installed())
    names = {_by_import[m] for m in modules if m in _by_import}
    return json.dumps(sorted(n for n in names if n not in have))


async def install(names_json):
    """Installs packages (a JSON list of names) and what they depend on with micropip. JSON: {"ok",
    "installed": [[name, version], ...] (dependencies included), "message" (why it failed)}."""
    names = json.loads(names_json)
    before = json.loads(installed())
    try:
        if _verified:
            import verified_install

            await verified_install.install(names, _verified[0], root_sha256=_verified[1])
        else:
            await _micropip.install(names)
    except Exception as e:  # micropip's own errors: no such package, no compatible wheel, HTTP
        return json.dumps({"ok": False, "installed": _new_since(before), "message": _explain(e, names)})
    return json.dumps({"ok": True, "installed": _new_since(before), "message": ""})


def _new_since(before):
    now = json.loads(installed())
    return sorted([name, version] for name, version in now.items() if name not in before)


def _explain(error, names):
    text = str(error)
    if type(error).__name__ == "VerificationError":
        return (f"Refused by the signed index: {text}. Nothing was installed and the code did not run.")
    bad = re.search(r"Invalid checksum: expected ([0-9a-f]{64}), got ([0-9a-f]{64})", text)
    if bad:
        expected, got = bad.groups()
        wheel = _by_sha256.get(expected, "a wheel")
        return (f"Refused {wheel}: its sha256 is {got}, but the index published {expected}. "
                "The file was changed or damaged after publishing; micropip did not install it.")
    return f"Could not install {', '.join(names)} with micropip: {type(error).__name__}: {text}"


async def run(code):
    """Runs code in __main__ (top-level await allowed); shows the value of a last expression as a
    notebook does. True when it raised nothing."""
    try:
        value = await eval_code_async(code, __main__.__dict__, filename=FILENAME)
        if value is not None:
            print(repr(value))
        return True
    except SystemExit as e:
        if e.code in (None, 0):
            return True
        print(f"SystemExit: {e.code}", file=sys.stderr)
        return False
    except BaseException as e:  # noqa: B902 - everything the user's code raises is reported
        # Pyodide registers the source lazily; a plain entry makes every Python quote the lines.
        linecache.cache[FILENAME] = (len(code), None, code.splitlines(True), FILENAME)
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
            tb = tb.tb_next  # Pyodide's and this module's frames: not the user's business
        traceback.print_exception(type(e), e, tb)
        return False
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
