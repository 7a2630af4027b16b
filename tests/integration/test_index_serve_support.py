#!/usr/bin/env python3
"""Shared helpers of the index serve / nginx / pip integration tests and of bench/serve.

Subcommands:
  make-wheel DIR          write the synthetic wheel (--version V) into DIR, for `index publish`
  add-fixtures DIR        add what a server must refuse to a published tree: a secret beside it,
                          a symlink escaping to it, a hidden file
  render-nginx ...        write an nginx.conf for a temporary prefix from index/nginx/wasm-build.conf.in
  check URL DIR FLAVOR    run the HTTP checks against a server (FLAVOR: serve or nginx)
  free-port               print a free TCP port on 127.0.0.1
  drip URL / oversized URL   slow and oversized request heads (fault tests)
  load URL                bounded keep-alive load loop, prints requests/s (bench fallback)
Everything talks to 127.0.0.1 only, with timeouts on every socket.
"""
import argparse
import base64
import hashlib
import http.client
import io
import os
import re
import socket
import sys
import time
import urllib.parse
import zipfile

WHEEL = "demo_pkg-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl"  # the version every check reads
PROJECT = "demo-pkg"
TIMEOUT = 10
PIP_ACCEPT = ("application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, "
              "text/html; q=0.01")


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def wheel_name(version="1.0"):
    return f"demo_pkg-{version}-cp314-cp314-pyemscripten_2026_0_wasm32.whl"


def build_wheel(version="1.0"):
    """A small but valid wheel: a module, METADATA, WHEEL and a RECORD that matches."""
    dist_info = f"demo_pkg-{version}.dist-info"
    metadata = (f"Metadata-Version: 2.1\nName: demo-pkg\nVersion: {version}\nSummary: a test package\n"
                "Requires-Python: >=3.14\n\n").encode()
    files = {
        "demo_pkg/__init__.py": b"VALUE = 42\n",
        f"{dist_info}/METADATA": metadata,
        f"{dist_info}/WHEEL": (b"Wheel-Version: 1.0\nGenerator: wasm-build-test\nRoot-Is-Purelib: false\n"
                               b"Tag: cp314-cp314-pyemscripten_2026_0_wasm32\n"),
    }
    record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, data in files.items())
    record += f"{dist_info}/RECORD,,\n"
    files[f"{dist_info}/RECORD"] = record.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), metadata


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data if isinstance(data, bytes) else data.encode())


def add_fixtures(root):
    """Things a server must refuse: a secret beside the tree with a symlink to it, a hidden file."""
    real = os.path.realpath(root)
    outside = os.path.join(os.path.dirname(real), "outside")
    write(os.path.join(outside, "secret.txt"), "outside secret\n")
    link = os.path.join(real, "packages", "escape.whl")
    if not os.path.islink(link):
        os.symlink(os.path.relpath(os.path.join(outside, "secret.txt"), os.path.dirname(link)), link)
    write(os.path.join(real, ".hidden"), "hidden secret\n")


def render_nginx(template, prefix, root, port, host="127.0.0.1", workers=1):
    """A complete nginx.conf for `nginx -p PREFIX -c CONF` around the shipped server block."""
    with open(template) as source:
        server_block = source.read()
    for key, value in (("@ROOT@", root), ("@PORT@", str(port)), ("@HOST@", host)):
        server_block = server_block.replace(key, value)
    left = re.findall(r"@[A-Z_]+@", server_block)
    if left:
        raise SystemExit(f"{template}: placeholders left unreplaced: {sorted(set(left))}")
    os.makedirs(os.path.join(prefix, "logs"), exist_ok=True)
    os.makedirs(os.path.join(prefix, "tmp"), exist_ok=True)
    write(os.path.join(prefix, "wasm-build.conf"), server_block)
    conf = f"""worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/wasm-build.conf;
}}
"""
    write(os.path.join(prefix, "nginx.conf"), conf)
    return os.path.join(prefix, "nginx.conf")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# HTTP checks


class Checker:
    def __init__(self, url, root, flavor):
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.root = root
        self.flavor = flavor
        self.failures = []
        self.count = 0

    def request(self, method, path, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()

    def raw(self, request_bytes):
        """Sends bytes as they are (no client-side path normalization); returns (status, body)."""
        with socket.create_connection((self.host, self.port), timeout=TIMEOUT) as sock:
            sock.sendall(request_bytes)
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else 0
        return status, data

    def expect(self, condition, what):
        self.count += 1
        if not condition:
            self.failures.append(what)
            print(f"FAIL: {what}", file=sys.stderr)

    def file(self, relative):
        with open(os.path.join(self.root, relative), "rb") as source:
            return source.read()


def check_negotiation(c):
    status, headers, body = c.request("GET", "/simple/")
    c.expect(status == 200, f"/simple/ without Accept: status {status}")
    c.expect(headers.get("content-type", "").startswith("text/html"), f"/simple/ default type {headers.get('content-type')}")
    c.expect(body == c.file("simple/index.html"), "/simple/ default body is index.html")
    c.expect("accept" in headers.get("vary", "").lower(), f"/simple/ Vary: {headers.get('vary')}")
    cases = [
        (PIP_ACCEPT, "application/vnd.pypi.simple.v1+json", "index.json"),
        ("application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.v1+json", "index.json"),
        ("application/vnd.pypi.simple.v1+html", "application/vnd.pypi.simple.v1+html", "index.html"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html", "index.html"),
        ("*/*", "text/html", "index.html"),
        ("application/vnd.pypi.simple.v1+json;q=0.2, text/html", "text/html", "index.html"),
    ]
    for accept, expected_type, expected_file in cases:
        status, headers, body = c.request("GET", f"/simple/{PROJECT}/", {"Accept": accept})
        got = headers.get("content-type", "")
        c.expect(status == 200 and got.split(";")[0].strip() == expected_type,
                 f"Accept '{accept}': expected {expected_type}, got {status} {got}")
        c.expect(body == c.file(f"simple/{PROJECT}/{expected_file}"), f"Accept '{accept}': body is {expected_file}")
        c.expect("accept" in headers.get("vary", "").lower(), f"Accept '{accept}': Vary is {headers.get('vary')}")
    status, headers, _ = c.request("GET", f"/simple/{PROJECT}/", {"Accept": "image/png"})
    c.expect(status == 406, f"Accept image/png: expected 406, got {status}")
    c.expect(headers.get("access-control-allow-origin") == "*", "406 carries CORS")
    status, headers, _ = c.request("GET", f"/simple/{PROJECT}")
    c.expect(status == 301 and headers.get("location", "").endswith(f"/simple/{PROJECT}/"),
             f"/simple/{PROJECT} without slash: {status} {headers.get('location')}")


def check_cors(c):
    status, headers, _ = c.request("OPTIONS", "/simple/", {
        "Origin": "http://example.test", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "range"})
    c.expect(status in (200, 204), f"preflight: status {status}")
    c.expect(headers.get("access-control-allow-origin") == "*", "preflight: Allow-Origin *")
    c.expect("GET" in headers.get("access-control-allow-methods", ""), "preflight: Allow-Methods has GET")
    c.expect("range" in headers.get("access-control-allow-headers", "").lower(), "preflight: Allow-Headers has range")
    for path in ("/pyodide-lock.json", f"/packages/{WHEEL}", "/no-such-file"):
        _, headers, _ = c.request("GET", path, {"Origin": "http://example.test"})
        c.expect(headers.get("access-control-allow-origin") == "*", f"GET {path}: Access-Control-Allow-Origin *")


def check_validators_and_ranges(c):
    wheel = c.file(f"packages/{WHEEL}")
    path = f"/packages/{WHEEL}"
    status, headers, body = c.request("GET", path)
    c.expect(status == 200 and body == wheel, f"GET wheel: {status}, {len(body)} bytes of {len(wheel)}")
    etag = headers.get("etag", "")
    c.expect(etag.startswith('"') and etag.endswith('"'), f"wheel has a strong ETag: {etag!r}")
    status, _, body = c.request("GET", path, {"If-None-Match": etag})
    c.expect(status == 304 and body == b"", f"If-None-Match current tag: {status}")
    status, _, _ = c.request("GET", path, {"If-None-Match": '"something-else"'})
    c.expect(status == 200, f"If-None-Match other tag: {status}")
    status, headers, body = c.request("GET", path, {"Range": "bytes=0-9"})
    c.expect(status == 206 and body == wheel[:10], f"Range 0-9: {status} {len(body)} bytes")
    c.expect(headers.get("content-range") == f"bytes 0-9/{len(wheel)}", f"Content-Range {headers.get('content-range')}")
    status, _, body = c.request("GET", path, {"Range": "bytes=-5"})
    c.expect(status == 206 and body == wheel[-5:], f"Range -5: {status}")
    status, headers, _ = c.request("GET", path, {"Range": f"bytes={len(wheel)}-"})
    c.expect(status == 416, f"Range beyond the end: {status}")
    c.expect(headers.get("content-range") == f"bytes */{len(wheel)}", f"416 Content-Range {headers.get('content-range')}")
    status, headers, body = c.request("HEAD", path)
    c.expect(status == 200 and body == b"" and headers.get("content-length") == str(len(wheel)),
             f"HEAD wheel: {status} length {headers.get('content-length')}")


def check_types(c):
    expected = {
        f"/packages/{WHEEL}": ("application/octet-stream", "application/zip"),
        f"/packages/{WHEEL}.metadata": ("text/plain",),
        "/pyodide-lock.json": ("application/json",),
    }
    for path, types in expected.items():
        status, headers, _ = c.request("GET", path)
        got = headers.get("content-type", "").split(";")[0].strip()
        c.expect(status == 200 and got in types, f"GET {path}: {status} type {got}, expected one of {types}")


def check_refusals(c):
    secrets = (b"outside secret", b"hidden secret")
    attempts = [b"/../outside/secret.txt", b"/%2e%2e/outside/secret.txt", b"/simple/%2E%2E/%2e%2e/outside/secret.txt",
                b"/packages/escape.whl", b"/.hidden", b"/packages/..%2f..%2foutside%2fsecret.txt"]
    for target in attempts:
        status, data = c.raw(b"GET " + target + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        c.expect(status in (400, 403, 404), f"GET {target.decode()}: refused, got {status}")
        c.expect(not any(s in data for s in secrets), f"GET {target.decode()}: leaked a secret")
        if c.flavor == "serve" and b"hidden" not in target:
            c.expect(status == 403, f"GET {target.decode()}: serve answers 403, got {status}")
    status, _, _ = c.request("GET", "/packages/no-such.whl")
    c.expect(status == 404, f"missing file: {status}")
    status, _, _ = c.request("POST", "/simple/")
    c.expect(status in (405,), f"POST: {status}")


def drip(url, interval, limit):
    """Sends a request head one byte at a time; returns the seconds until the server hung up."""
    parsed = urllib.parse.urlsplit(url)
    start = time.monotonic()
    with socket.create_connection((parsed.hostname, parsed.port), timeout=TIMEOUT) as sock:
        sock.settimeout(interval)
        payload = b"GET /simple/ HTTP/1.1\r\nHost: t\r\nX-Drip: " + b"d" * 100000
        for byte in payload:
            if time.monotonic() - start > limit:
                return None
            try:
                sock.sendall(bytes([byte]))
                if sock.recv(4096) == b"":
                    return time.monotonic() - start
            except socket.timeout:
                continue
            except (BrokenPipeError, ConnectionResetError):
                return time.monotonic() - start
    return None


def oversized(url):
    """Sends a 64 KiB request head; returns the status of the answer (431 expected)."""
    parsed = urllib.parse.urlsplit(url)
    head = b"GET /simple/ HTTP/1.1\r\nHost: t\r\n" + b"".join(
        b"X-Filler-%d: %s\r\n" % (i, b"f" * 1000) for i in range(64)) + b"\r\n"
    with socket.create_connection((parsed.hostname, parsed.port), timeout=TIMEOUT) as sock:
        try:
            sock.sendall(head)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        except ConnectionResetError:
            pass
    return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.") else 0


def load(url, accept, seconds, connections):
    """A bounded keep-alive load loop (the fallback when wrk is missing); returns requests/s."""
    import threading
    parsed = urllib.parse.urlsplit(url)
    deadline = time.monotonic() + seconds
    counts = [0] * connections
    errors = [0] * connections

    def worker(index):
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=TIMEOUT)
        while time.monotonic() < deadline:
            connection.request("GET", parsed.path, headers={"Accept": accept} if accept else {})
            response = connection.getresponse()
            response.read()
            counts[index] += 1
            errors[index] += response.status >= 400
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if sum(errors):
        raise SystemExit(f"{url}: {sum(errors)} error responses")
    return sum(counts) / (time.monotonic() - start)


def run_checks(url, root, flavor):
    c = Checker(url, root, flavor)
    for check in (check_negotiation, check_cors, check_validators_and_ranges, check_types, check_refusals):
        check(c)
    print(f"{flavor}: {c.count - len(c.failures)}/{c.count} checks passed", file=sys.stderr)
    return 1 if c.failures else 0


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    wheel = sub.add_parser("make-wheel")
    wheel.add_argument("dir")
    wheel.add_argument("--version", default="1.0")
    sub.add_parser("add-fixtures").add_argument("dir")
    render = sub.add_parser("render-nginx")
    render.add_argument("--template", required=True)
    render.add_argument("--prefix", required=True)
    render.add_argument("--root", required=True)
    render.add_argument("--port", type=int, required=True)
    render.add_argument("--workers", type=int, default=1)
    check = sub.add_parser("check")
    check.add_argument("url")
    check.add_argument("dir")
    check.add_argument("flavor", choices=("serve", "nginx"))
    sub.add_parser("free-port")
    drip_parser = sub.add_parser("drip")
    drip_parser.add_argument("url")
    drip_parser.add_argument("--interval", type=float, default=0.2)
    drip_parser.add_argument("--limit", type=float, default=20)
    sub.add_parser("oversized").add_argument("url")
    load_parser = sub.add_parser("load")
    load_parser.add_argument("url")
    load_parser.add_argument("--accept", default="")
    load_parser.add_argument("--seconds", type=float, default=5)
    load_parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    if args.command == "make-wheel":
        data, _ = build_wheel(args.version)
        write(os.path.join(args.dir, wheel_name(args.version)), data)
        print(os.path.join(args.dir, wheel_name(args.version)))
    elif args.command == "add-fixtures":
        add_fixtures(args.dir)
    elif args.command == "render-nginx":
        print(render_nginx(args.template, args.prefix, args.root, args.port, workers=args.workers))
    elif args.command == "check":
        return run_checks(args.url, args.dir, args.flavor)
    elif args.command == "free-port":
        print(free_port())
    elif args.command == "drip":
        seconds = drip(args.url, args.interval, args.limit)
        print("never" if seconds is None else f"{seconds:.2f}")
        return 0 if seconds is not None else 1
    elif args.command == "oversized":
        print(oversized(args.url))
    elif args.command == "load":
        print(f"{load(args.url, args.accept, args.seconds, args.connections):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
