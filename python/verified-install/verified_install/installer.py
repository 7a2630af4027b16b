"""Installing with micropip from a verified index only. micropip resolves as it always does, but
every byte it reads (simple pages, .metadata files, wheels) comes through a compatibility layer that
serves only files listed in the signed targets.json, checked against their length and sha256. All
of it is read during micropip's resolution, before its first install: a refusal installs nothing."""

import importlib
import io
import json
import site
import zipfile
from urllib.parse import unquote, urljoin, urlsplit

from .errors import VerificationError
from .repository import open_index, read_timestamp

_SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
_DIRECTORY_BASE = "https://index.invalid/"  # never fetched: the layer serves every URL itself


def _base_url(index):
    if isinstance(index, str) and index.startswith(("http://", "https://")):
        return index.rstrip("/") + "/"
    return _DIRECTORY_BASE


class _Reader:
    """Maps micropip's URLs to signed paths and reads them verified; remembers every refusal
    (micropip turns some errors into "not found") and every wheel it served."""

    def __init__(self, verified, base):
        self.verified = verified
        self.base = base
        self.problems = []
        self.wheels = {}  # path -> (length, sha256)

    def path_of(self, url):
        if not url.startswith(self.base):
            raise VerificationError(f"{url}: not a file of the verified index {self.base}")
        return unquote(urlsplit(url[len(self.base) - 1:]).path.lstrip("/"))

    async def read(self, url):
        try:
            path = self.path_of(url)
            if path.startswith("simple/") and path.endswith("/"):
                index_json = path + "index.json"
                if index_json not in self.verified.targets:
                    name = path[len("simple/"):-1]
                    raise VerificationError(f"{name}: not in the index ({index_json} is not listed in "
                                            "metadata/targets.json)")
                path = index_json
            data = await self.verified.read(path)
        except VerificationError as e:
            self.problems.append(str(e))
            raise
        if path.endswith(".whl"):
            self.wheels[path] = self.verified.targets[path]
        return path, data

    async def page(self, url):
        path, data = await self.read(url)
        page = json.loads(data)
        for f in page.get("files", []):  # micropip 0.11 does not resolve relative links
            f["url"] = urljoin(self.base + path, f["url"])
        return json.dumps(page), {"content-type": _SIMPLE_JSON}


def _layer(reader):
    from micropip._compat import compatibility_layer

    async def fetch_bytes(url, kwargs):
        return (await reader.read(url))[1]

    async def fetch_string_and_headers(url, kwargs):
        return await reader.page(url)

    base_install = compatibility_layer.install

    async def install(buffer, filename, install_dir, metadata=None):
        if reader.problems:  # never reached after a refusal; kept as the last guard
            raise VerificationError(reader.problems[0])
        return await base_install(buffer, filename, install_dir, metadata)

    return type("VerifiedLayer", (compatibility_layer,), {
        "fetch_bytes": staticmethod(fetch_bytes),
        "fetch_string_and_headers": staticmethod(fetch_string_and_headers),
        "install": staticmethod(install),
        "lockfile_packages": {},  # nothing from the runtime's own lock file or its CDN
    })


async def ensure_micropip(verified):
    """Imports micropip; when the runtime has none loaded, installs it from the verified index."""
    try:
        import micropip  # noqa: F401
        return
    except ImportError:
        pass
    page = json.loads(await verified.read("simple/micropip/index.json"))
    wheels = [f["filename"] for f in page.get("files", []) if f["filename"].endswith("-none-any.whl")]
    if not wheels:
        raise VerificationError("simple/micropip/index.json: no pure wheel of micropip")
    data = await verified.read("packages/" + wheels[-1])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        z.extractall(site.getsitepackages()[0])
    importlib.invalidate_caches()


async def _install_once(packages, index, options):
    verified = await open_index(index, **options)
    await ensure_micropip(verified)
    from micropip.package_manager import PackageManager

    reader = _Reader(verified, _base_url(index))
    manager = PackageManager(_layer(reader))
    try:
        await manager.install(packages, index_urls=[reader.base + "simple/{package_name}/"])
    except Exception as e:
        if reader.problems:
            raise VerificationError(reader.problems[0]) from e
        raise
    await verified.commit()
    return {"versions": verified.versions, "wheels": sorted(p.split("/")[-1] for p in reader.wheels)}


async def install(packages, index_url, *, root=None, root_sha256=None, root_url="metadata/1.root.json",
                  state=None, now=None):
    """Installs packages (names or requirements) and their dependencies from the signed index at
    index_url (an http(s) URL or a directory), trusting the root given as bytes (root) or pinned by
    sha256 (root_sha256, read from root_url inside the index). state: where the trust state is kept
    (see trust_state.open_store). Returns {"versions": {role: version}, "wheels": [file names]}.
    Raises VerificationError naming the file and what was wrong; then nothing is installed or saved."""
    if isinstance(packages, str):
        packages = [packages]
    options = dict(root=root, root_sha256=root_sha256, root_url=root_url, state=state, now=now)
    remote = _base_url(index_url) != _DIRECTORY_BASE
    before = await read_timestamp(_source(index_url)) if remote else b""
    try:
        return await _install_once(packages, index_url, options)
    except VerificationError:
        # A publish that switched generations while we read: one more pass decides.
        if not remote or await read_timestamp(_source(index_url)) == before:
            raise
    return await _install_once(packages, index_url, options)


def _source(index):
    from .sources import open_source

    return open_source(index)


async def verify_lock_file(index_url, *, root=None, root_sha256=None, root_url="metadata/1.root.json",
                           state=None, now=None):
    """The index's pyodide-lock.json, verified, as a dict (for loadPyodide's lockFileContents, whose
    loader then checks every package's sha256 against it). The state is saved on success."""
    verified = await open_index(index_url, root=root, root_sha256=root_sha256, root_url=root_url,
                                state=state, now=now)
    from .strict_json import parse_strict_json

    lock = parse_strict_json(await verified.read("pyodide-lock.json"), "pyodide-lock.json")
    await verified.commit()
    return lock
