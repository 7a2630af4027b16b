#!/usr/bin/env python3
"""A misbehaving HTTP server for the client fault tests, on 127.0.0.1 and a free port:
`index_bad_server.py DIR MODE PATH` serves DIR, except PATH, for which MODE is `endless` (a body
without end) or `drip` (one byte every half second), neither announcing a length. Prints "port N" and stops by itself after
120 seconds or 200 requests, and each misbehaving response after 30 seconds."""
import http.server
import os
import socketserver
import sys
import threading
import time

ROOT, MODE, BAD_PATH = sys.argv[1], sys.argv[2], sys.argv[3]
MAX_REQUESTS = 200
LIFETIME = 120
served = 0


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ROOT, **kwargs)

    def log_message(self, *args):
        pass

    def do_GET(self):
        global served
        served += 1
        if self.path != BAD_PATH:
            return super().do_GET()
        deadline = time.monotonic() + 30
        self.send_response(200)  # no Content-Length: a body that ends when the connection does
        self.end_headers()
        try:
            while time.monotonic() < deadline:
                if MODE == "endless":
                    self.wfile.write(b"x" * 65536)
                else:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(f"port {server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    start = time.monotonic()
    while time.monotonic() - start < LIFETIME and served < MAX_REQUESTS:
        time.sleep(0.2)
    server.shutdown()
    os._exit(0)


if __name__ == "__main__":
    main()
