"""Where the index is read from (index/validation/repo_source.cpp): a directory (its generation
symlink resolved once) or an http(s) URL, read with pyodide.http.pyfetch in Pyodide and urllib under
CPython. Every read has a size cap and stops there; paths never leave the tree.

A source is anything with `async read(path, max_bytes) -> bytes | None` (None: no such file),
`describe(path) -> str` and `list() -> list[str] | None` (every file, directories only)."""

import os

from .errors import FetchError
from .metadata_client import is_safe_relative_path
from .platform import in_pyodide

TOTAL_TIMEOUT_S = 300


def _check_path(path):
    if not is_safe_relative_path(path):
        raise FetchError(f'unsafe path "{path}"')


class DirectorySource:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        if not os.path.isdir(self.root):
            raise FetchError(f"{root}: not a repository directory or http(s) URL")

    def describe(self, path):
        return os.path.join(self.root, path)

    async def read(self, path, max_bytes):
        _check_path(path)
        full = self.describe(path)
        if not os.path.lexists(full):
            return None
        try:
            size = os.path.getsize(full)
            if size > max_bytes:
                raise FetchError(f"{full}: {size} bytes, more than the {max_bytes} expected")
            with open(full, "rb") as f:
                return f.read(max_bytes + 1)
        except OSError as e:
            raise FetchError(f"{full}: {e.strerror or e}") from None

    def list(self):
        files = []
        for top, dirs, names in os.walk(self.root):
            dirs.sort()
            for name in names:
                files.append(os.path.relpath(os.path.join(top, name), self.root).replace(os.sep, "/"))
        return sorted(files)


class HttpSource:
    def __init__(self, base):
        self.base = base.rstrip("/")

    def describe(self, path):
        return f"{self.base}/{path}"

    def list(self):
        return None

    async def read(self, path, max_bytes):
        _check_path(path)
        url = self.describe(path)
        fresh = path.startswith("metadata/")  # never an HTTP cache's old copy of the metadata
        if in_pyodide():
            return await _read_pyfetch(url, max_bytes, fresh)
        return _read_urllib(url, max_bytes, fresh)


def _too_big(url, max_bytes):
    return FetchError(f"{url}: the response exceeds the size limit of {max_bytes} bytes")


async def _read_pyfetch(url, max_bytes, fresh):
    import js
    from pyodide.http import pyfetch

    try:
        response = await pyfetch(url, cache="no-cache" if fresh else "default",
                                 signal=js.AbortSignal.timeout(TOTAL_TIMEOUT_S * 1000))
    except Exception as e:
        raise FetchError(f"{url}: {e}") from None
    if response.status in (404, 410):
        return None
    if not response.ok:
        raise FetchError(f"{url}: HTTP status {response.status}")
    announced = response.headers.get("content-length")
    if announced and announced.isdigit() and int(announced) > max_bytes:
        raise _too_big(url, max_bytes)
    if announced and announced.isdigit():
        # The body cannot be longer than announced (fetch refuses that): read it in one piece.
        try:
            data = await response.bytes()
        except Exception as e:
            raise FetchError(f"{url}: {e}") from None
        if len(data) > max_bytes:
            raise _too_big(url, max_bytes)
        return data
    reader = response.js_response.body.getReader()
    chunks, total = [], 0
    try:
        while True:
            step = await reader.read()
            if step.done:
                break
            chunk = step.value.to_bytes()
            total += len(chunk)
            if total > max_bytes:
                await reader.cancel()
                raise _too_big(url, max_bytes)
            chunks.append(chunk)
    except FetchError:
        raise
    except Exception as e:
        raise FetchError(f"{url}: {e}") from None
    return b"".join(chunks)


def _read_urllib(url, max_bytes, fresh):
    import urllib.error
    import urllib.request

    headers = {"Cache-Control": "no-cache"} if fresh else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            announced = response.headers.get("content-length")
            if announced and announced.isdigit() and int(announced) > max_bytes:
                raise _too_big(url, max_bytes)
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as e:
        if e.code in (404, 410):
            return None
        raise FetchError(f"{url}: HTTP status {e.code}") from None
    except OSError as e:
        raise FetchError(f"{url}: {e}") from None
    if len(data) > max_bytes:
        raise _too_big(url, max_bytes)
    return data


def open_source(location):
    """A source for a directory path or an http(s) URL; any other object is taken as a source."""
    if not isinstance(location, str):
        return location
    if location.startswith(("http://", "https://")):
        return HttpSource(location)
    return DirectorySource(location)
