#!/usr/bin/env python3
"""Replays a build graph on N Slurm workers and prints the makespan against the critical-path bound.

Graphs: --cache DIR (a farm run: the newest finished build of each name/variant in DIR/builds, its
build_seconds as the node's time, its host dependencies from the key inputs) or --synthetic (330 nodes
shaped like Pyodide's recipes: a few long chains through the cross environment, C libraries, NumPy and
the packages built on it; a wide fan of pure-Python wheels; seeded, so every run is the same graph).

The model of Slurm (numbers from tests/integration/test_slurm.sh on a real cluster, --latency FILE):
every job is submitted at the start, one sbatch after another (sbatch_ms each), in the submitter's
order (dependencies first, longest chain first); a job becomes eligible when its last dependency
ends, and starts at the next scheduling pass (dep_seconds later) on a free worker, earliest-submitted
first (priority/basic is FIFO); it then holds its worker for its build time plus job_overhead_seconds
(the worker's wasm-build start, reading the dependencies from the cache). One job per worker.
"""
import argparse
import glob
import heapq
import json
import os
import random
import sys


def graph_from_cache(cache):
    """{id: (seconds, [dep ids])} from a cache's finished builds (newest record per name@variant)."""
    records = {}
    for path in glob.glob(os.path.join(cache, "builds", "*", "*", "result.json")):
        try:
            r = json.load(open(path))
        except (OSError, ValueError):
            continue
        node = f'{r["name"]}@{r.get("variant", "")}'
        mtime = os.path.getmtime(path)
        if node not in records or records[node][0] < mtime:
            records[node] = (mtime, r)
    by_key = {r["key"]: node for node, (_, r) in records.items()}
    graph = {}
    for node, (_, r) in records.items():
        deps = []
        for part, value in r.get("inputs", {}).items():
            if part.startswith("dependency:") and value in by_key:
                deps.append(by_key[value])
            elif part.startswith("dependency:"):  # an older key: the newest build of that name, same flavor or platform
                name = part.split(":", 1)[1]
                same = [n for n in records if n.startswith(name + "@")]
                variant = node.split("@", 1)[1]
                deps.append(next((n for n in same if n.endswith("@" + variant)), same[0]) if same else None)
        graph[node] = (max(0.1, float(r.get("build_seconds", 0))), [d for d in deps if d])
    return graph


def synthetic_graph(seed=783):
    """330 nodes shaped like Pyodide's recipe set, times in seconds on one core of this machine."""
    rng = random.Random(seed)
    g = {"xbuildenv": (1.0, [])}
    libs = {  # C/C++ libraries (no Python): name -> (seconds, deps); long ones are BLAS, Boost, GDAL's stack
        "zlib": (12, []), "bzip2": (5, []), "xz": (20, []), "libffi": (8, []), "sqlite3": (40, []),
        "openssl": (180, []), "libpng": (15, ["zlib"]), "libjpeg-turbo": (49, []), "libtiff": (30, ["libjpeg-turbo", "zlib"]),
        "libwebp": (25, []), "freetype": (35, ["libpng", "zlib"]), "harfbuzz": (90, ["freetype"]),
        "libxml2": (42, ["zlib"]), "libxslt": (33, ["libxml2"]), "libyaml": (6, []), "openblas": (400, []),
        "suitesparse": (300, ["openblas"]), "boost": (600, []), "geos": (240, []), "proj": (200, ["sqlite3"]),
        "gdal": (700, ["proj", "geos", "libtiff", "sqlite3"]), "hdf5": (250, ["zlib"]), "netcdf": (120, ["hdf5"]),
        "gmp": (60, []), "mpfr": (40, ["gmp"]), "libsodium": (30, []), "zstd": (15, []), "lz4": (5, []),
        "libiconv": (20, []), "glpk": (45, ["gmp"]), "coin-or": (400, ["openblas"]), "libhdf5-cpp": (90, ["hdf5"]),
        "re2": (60, []), "abseil": (150, []), "protobuf": (200, ["abseil"]), "brotli": (10, []), "libde265": (40, []),
        "libheif": (60, ["libde265"]), "openjpeg": (25, []), "lcms2": (15, []),
    }
    for name, (s, deps) in libs.items():
        g[name] = (float(s), deps)
    chains = {  # the long chains through NumPy (cross environment + libraries + NumPy)
        "numpy": (430, ["xbuildenv"]), "scipy": (1500, ["numpy", "openblas"]), "pandas": (600, ["numpy"]),
        "scikit-learn": (700, ["scipy"]), "scikit-image": (400, ["scipy"]), "statsmodels": (350, ["scipy", "pandas"]),
        "matplotlib": (300, ["numpy", "freetype", "libpng"]), "astropy": (450, ["numpy"]), "h5py": (120, ["numpy", "hdf5"]),
        "shapely": (90, ["numpy", "geos"]), "pyproj": (80, ["proj"]), "fiona": (110, ["gdal"]), "rasterio": (150, ["gdal", "numpy"]),
        "xgboost": (500, ["numpy", "scipy"]), "lightgbm": (300, ["numpy", "scipy"]), "pywavelets": (90, ["numpy"]),
        "numcodecs": (100, ["numpy"]), "netcdf4": (90, ["numpy", "netcdf"]), "pyarrow": (1200, ["numpy", "zstd", "lz4", "re2"]),
        "opencv-python": (1400, ["numpy", "libjpeg-turbo", "libpng"]), "sympy-gmpy2": (60, ["mpfr"]),
        "pillow": (48, ["libjpeg-turbo", "zlib", "freetype", "libtiff", "libwebp", "openjpeg", "lcms2"]),
        "lxml": (79, ["libxml2", "libxslt", "zlib"]), "cryptography": (240, ["openssl"]), "pynacl": (30, ["libsodium"]),
        "cvxpy-base": (200, ["scipy"]), "scikit-learn-extra": (100, ["scikit-learn"]), "imbalanced-learn": (3, ["scikit-learn"]),
        "galpy": (150, ["numpy", "scipy"]), "biopython": (120, ["numpy"]), "regex": (40, []), "pyyaml": (20, ["libyaml"]),
    }
    for name, (s, deps) in chains.items():
        deps = deps if "xbuildenv" in deps else deps + ["xbuildenv"]
        g[name] = (float(s), deps)
    numpy_users = [n for n, (_, d) in chains.items() if "numpy" in d or "scipy" in d]
    i = 0
    while len(g) < 330 - 230:  # more C extensions: small, on the cross environment, some on NumPy
        i += 1
        deps = ["xbuildenv"] + (["numpy"] if rng.random() < 0.35 else []) + \
               ([rng.choice(list(libs))] if rng.random() < 0.3 else [])
        g[f"cext-{i:03d}"] = (round(rng.lognormvariate(3.6, 0.8), 1), deps)
    for i in range(230):  # the wide fan: pure-Python wheels, taken as they are (about a second)
        g[f"pure-{i:03d}"] = (round(rng.uniform(0.6, 3.0), 1), ["xbuildenv"])
    assert len(g) == 330, len(g)
    del numpy_users
    return g


def topo_priority(graph):
    """Longest remaining chain (seconds) from each node: the order Plan hands out and the submitter uses."""
    dependents = {n: [] for n in graph}
    for n, (_, deps) in graph.items():
        for d in deps:
            dependents[d].append(n)
    memo = {}

    def chain(n):
        if n not in memo:
            memo[n] = graph[n][0] + max((chain(m) for m in dependents[n]), default=0.0)
        return memo[n]

    for n in graph:
        chain(n)
    return memo


def critical_path(graph):
    """The nodes of the longest chain, first to last."""
    priority = topo_priority(graph)
    dependents = {n: [] for n in graph}
    for n, (_, deps) in graph.items():
        for d in deps:
            dependents[d].append(n)
    roots = [n for n, (_, deps) in graph.items() if not deps]
    path = [max(roots, key=lambda n: priority[n])]
    while dependents[path[-1]]:
        path.append(max(dependents[path[-1]], key=lambda n: priority[n]))
    return path


def submission_order(graph, priority):
    pending = {n: len(deps) for n, (_, deps) in graph.items()}
    dependents = {n: [] for n in graph}
    for n, (_, deps) in graph.items():
        for d in deps:
            dependents[d].append(n)
    ready = [(-priority[n], n) for n, c in pending.items() if c == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, n = heapq.heappop(ready)
        order.append(n)
        for m in dependents[n]:
            pending[m] -= 1
            if pending[m] == 0:
                heapq.heappush(ready, (-priority[m], m))
    return order


def simulate(graph, workers, lat):
    """Makespan of the graph on `workers` one-job workers under the latency model lat (an event loop)."""
    order = submission_order(graph, topo_priority(graph))
    submit_at = {n: (i + 1) * lat["sbatch_ms"] / 1000.0 for i, n in enumerate(order)}
    rank = {n: i for i, n in enumerate(order)}
    dependents = {n: [] for n in graph}
    for n, (_, deps) in graph.items():
        for d in deps:
            dependents[d].append(n)
    left = {n: len(deps) for n, (_, deps) in graph.items()}
    by_time = [(submit_at[n] + lat["dep_seconds"], rank[n], n) for n in graph if left[n] == 0]
    heapq.heapify(by_time)  # jobs whose dependencies ended, by the time they become eligible
    by_rank = []            # eligible jobs, earliest-submitted first
    running = []            # (end, node)
    free, done, t, last = workers, 0, 0.0, 0.0
    while done < len(graph):
        while by_time and by_time[0][0] <= t:
            _, r, n = heapq.heappop(by_time)
            heapq.heappush(by_rank, (r, n))
        while free and by_rank:
            _, n = heapq.heappop(by_rank)
            free -= 1
            heapq.heappush(running, (t + graph[n][0] + lat["job_overhead_seconds"], n))
        next_times = [running[0][0]] if running else []
        if free and by_time:
            next_times.append(by_time[0][0])
        t = min(next_times)
        while running and running[0][0] <= t:
            finish, n = heapq.heappop(running)
            free += 1
            done += 1
            last = max(last, finish)
            for m in dependents[n]:
                left[m] -= 1
                if left[m] == 0:
                    heapq.heappush(by_time, (max(finish, submit_at[m]) + lat["dep_seconds"], rank[m], m))
    return last


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--cache", help="a farm run's cache directory (its builds/*/*/result.json)")
    src.add_argument("--synthetic", action="store_true", help="the 330-node Pyodide-shaped graph")
    ap.add_argument("--latency", help="JSON from test_slurm.sh: sbatch_ms, per_dependency_seconds, job_overhead_seconds")
    ap.add_argument("--workers", default="1,2,4,8,16,32,64")
    ap.add_argument("--job-cpus", type=int, default=1,
                    help="CPUs per job (make -j): a build over a minute is taken as 70%% parallel (Amdahl)")
    args = ap.parse_args()
    lat = {"sbatch_ms": 7.0, "dep_seconds": 1.0, "job_overhead_seconds": 1.5}
    if args.latency:
        measured = json.load(open(args.latency))
        lat["sbatch_ms"] = measured.get("sbatch_ms", lat["sbatch_ms"])
        lat["dep_seconds"] = measured.get("per_dependency_seconds", lat["dep_seconds"])
        lat["job_overhead_seconds"] = measured.get("job_overhead_seconds", lat["job_overhead_seconds"])
    graph = synthetic_graph() if args.synthetic else graph_from_cache(args.cache)
    if not graph:
        sys.exit("farm-sim: no finished builds found")
    serial = sum(s for s, _ in graph.values())  # one CPU, one build after another: what speed-up is against
    if args.job_cpus > 1:
        c = args.job_cpus
        graph = {n: (s * (0.3 + 0.7 / c) if s > 60 else s, d) for n, (s, d) in graph.items()}
        print(f"{c} CPUs per job: builds over a minute take 0.3 + 0.7/{c} of their one-CPU time")
    work = sum(s for s, _ in graph.values())
    cp = max(topo_priority(graph).values())
    edges = sum(len(d) for _, d in graph.values())
    path = critical_path(graph)
    print(f"graph: {len(graph)} nodes, {edges} edges, work {work:.0f} s, critical path {cp:.0f} s "
          f"(speed-up bound {serial / cp:.1f}x)")
    print(f"critical path ({len(path)} jobs): {' -> '.join(path)}")
    print(f"slurm model: sbatch {lat['sbatch_ms']:.1f} ms/job, {lat['dep_seconds']:.2f} s from a dependency's end "
          f"to the start, {lat['job_overhead_seconds']:.2f} s per job on the worker")
    print(f"{'workers':>7} {'makespan':>10} {'speed-up':>9} {'bound':>7} {'of bound':>9} {'no-latency':>11}")
    zero = {"sbatch_ms": 0.0, "dep_seconds": 0.0, "job_overhead_seconds": 0.0}
    for p in [int(x) for x in args.workers.split(",")]:
        m = simulate(graph, p, lat)
        ideal = simulate(graph, p, zero)
        bound = min(p * serial / work, serial / cp)  # no schedule does better
        print(f"{p:>7} {m:>9.0f}s {serial / m:>8.2f}x {bound:>6.1f}x {100 * (serial / m) / bound:>8.0f}% {ideal:>10.0f}s")
    print("speed-up: the one-CPU build times' sum over the makespan; bound: min(workers x the jobs' own speed-up, "
          "that sum / critical path); no-latency: the same schedule with Slurm's latencies at zero")


if __name__ == "__main__":
    main()
