#!/usr/bin/env python3
"""Hostile clients for bench/serve/slowloris.sh, on loopback only, ending by themselves:

    slow_clients.py URL MODE COUNT SECONDS [--addresses N]

MODE `slowloris` opens COUNT connections that send a request head one header line per second
and never finish it; MODE `idle` opens COUNT keep-alive connections that make one request and
then sit idle. Connections come from N source addresses 127.0.0.2... (default 10; a real attack
has many), and any connection the server closes is opened again at once, for SECONDS. Prints
"holding COUNT" once all are open (or after 5 s), and at the end how often the server closed one."""
import asyncio
import sys
import time
from urllib.parse import urlparse


async def one(host, port, source, mode, stop_at, stats):
    while time.monotonic() < stop_at:
        try:
            reader, writer = await asyncio.open_connection(host, port, local_addr=(source, 0))
        except OSError:
            await asyncio.sleep(0.05)
            continue
        stats["open"] += 1
        try:
            if mode == "idle":
                writer.write(b"GET /simple/ HTTP/1.1\r\nHost: x\r\n\r\n")
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                length = next((int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")), 0)
                await reader.readexactly(length)
                await read_eof(reader, stop_at)  # idle until the server closes or time is up
            else:
                writer.write(b"GET /simple/ HTTP/1.1\r\nHost: x\r\n")
                while time.monotonic() < stop_at:
                    await writer.drain()
                    if await read_eof(reader, min(stop_at, time.monotonic() + 1)):
                        break
                    writer.write(b"X-Slow: 1\r\n")
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            stats["open"] -= 1
            if time.monotonic() < stop_at:
                stats["closed"] += 1
            writer.close()


async def read_eof(reader, until):
    """True when the server closed the connection before `until`."""
    try:
        data = await asyncio.wait_for(reader.read(1), timeout=max(0.01, until - time.monotonic()))
        return data == b""
    except asyncio.TimeoutError:
        return False


async def main():
    url, mode, count, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    addresses = int(sys.argv[sys.argv.index("--addresses") + 1]) if "--addresses" in sys.argv else 10
    parsed = urlparse(url)
    stop_at = time.monotonic() + seconds
    stats = {"open": 0, "closed": 0}
    tasks = [asyncio.create_task(one(parsed.hostname, parsed.port, f"127.0.0.{2 + i % addresses}", mode, stop_at, stats))
             for i in range(count)]
    start = time.monotonic()
    while stats["open"] < count and time.monotonic() - start < 5:
        await asyncio.sleep(0.05)
    print(f"holding {stats['open']}", flush=True)
    await asyncio.gather(*tasks)
    print(f"{mode}: the server closed {stats['closed']} connection(s)", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
