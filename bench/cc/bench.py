#!/usr/bin/env python3
"""Compile-time cost of wasm-cc against bare clang and emcc, measured in one run.

Each translation unit is compiled the three ways in turn (interleaved, so that load from other work on
the machine hits all three alike), then a side module is linked from all the objects by wasm-cc and by
emcc. Prints per-file mean times and the ratios wasm-cc/clang and emcc/wasm-cc. See README.md.
"""
import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path


def run(argv, env=None, cwd=None):
    result = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"bench: command failed (exit {result.returncode}): {' '.join(argv)}\n{result.stdout}")
    return result.stdout


def timed(argv, env, cwd):
    """(wall seconds, CPU seconds of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run(argv, env, cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def zlib_sources(cache: Path, dest: Path):
    """zlib's C files from Debian's source package (downloaded once into the cache), or [] if unavailable."""
    cache.mkdir(parents=True, exist_ok=True)
    tarballs = sorted(cache.glob("zlib_*.orig.tar.*"))
    if not tarballs:
        result = subprocess.run(["apt-get", "source", "--download-only", "zlib"], cwd=cache,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        tarballs = sorted(cache.glob("zlib_*.orig.tar.*"))
        if result.returncode != 0 or not tarballs:
            print("bench: zlib sources unavailable (apt-get source failed); using generated files only")
            return []
    with tarfile.open(tarballs[0]) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.count("/") <= 2
                   and m.name.endswith((".c", ".h")) and "/contrib/" not in m.name]
        tar.extractall(dest, members=members)
    roots = {m.name.split("/")[0] for m in members}
    root = dest / sorted(roots)[0]
    # The library's own files first, then its examples and tests.
    files = sorted(root.rglob("*.c"), key=lambda p: (len(p.relative_to(root).parts), p.name))
    # What zlib's configure detects on an Emscripten target.
    flags = ["-I", str(root), "-DHAVE_UNISTD_H", "-DHAVE_STDARG_H"]
    return [(p, flags) for p in files]


GENERATED = r"""
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry_{n} {{ char *key; double value; struct entry_{n} *next; }} entry_{n};
typedef struct {{ entry_{n} **buckets; size_t size, count; int (*cmp)(const void *, const void *); }} table_{n};

static uint32_t hash_{n}(const char *s) {{
    uint32_t h = 2166136261u ^ {n}u;
    while (*s) {{ h ^= (unsigned char)*s++; h *= 16777619u; }}
    return h;
}}

static int cmp_{n}(const void *a, const void *b) {{
    double x = (*(const entry_{n} *const *)a)->value, y = (*(const entry_{n} *const *)b)->value;
    return (x > y) - (x < y);
}}

table_{n} *table_{n}_new(size_t size) {{
    table_{n} *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->buckets = calloc(size, sizeof *t->buckets);
    t->size = size;
    t->cmp = cmp_{n};
    return t;
}}

int table_{n}_put(table_{n} *t, const char *key, double value) {{
    uint32_t h = hash_{n}(key) % t->size;
    for (entry_{n} *e = t->buckets[h]; e; e = e->next)
        if (strcmp(e->key, key) == 0) {{ e->value = value; return 0; }}
    entry_{n} *e = malloc(sizeof *e);
    if (!e) return -1;
    e->key = strdup(key);
    e->value = value;
    e->next = t->buckets[h];
    t->buckets[h] = e;
    t->count++;
    return 1;
}}

double table_{n}_stats(const table_{n} *t, double *stddev) {{
    entry_{n} **all = malloc(t->count * sizeof *all);
    size_t k = 0;
    double sum = 0, sq = 0;
    for (size_t i = 0; i < t->size; i++)
        for (entry_{n} *e = t->buckets[i]; e; e = e->next) {{ all[k++] = e; sum += e->value; }}
    qsort(all, k, sizeof *all, t->cmp);
    double mean = k ? sum / k : 0;
    for (size_t i = 0; i < k; i++) sq += (all[i]->value - mean) * (all[i]->value - mean);
    *stddev = k > 1 ? sqrt(sq / (k - 1)) : 0;
    double median = k ? all[k / 2]->value : 0;
    free(all);
    return median;
}}

int format_{n}(char *out, size_t cap, const table_{n} *t) {{
    double sd;
    double med = table_{n}_stats(t, &sd);
    return snprintf(out, cap, "table {n}: %zu entries, median %.3f, sd %.3f", t->count, med, sd);
}}

void matrix_{n}(double *c, const double *a, const double *b, int n) {{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {{
            double s = 0;
            for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
            c[i * n + j] = s + {n} * 1e-9;
        }}
}}
"""


def generated_sources(dest: Path, count: int):
    files = []
    for n in range(count):
        path = dest / f"gen_{n:02d}.c"
        path.write_text(GENERATED.format(n=n))
        files.append((path, []))
    return files


def mean_ms(samples, which=0):
    """Mean in ms of the wall (which=0) or CPU (which=1) times."""
    return 1000 * statistics.mean(sample[which] for sample in samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wasm-cc", default=os.environ.get("WASM_CC_BIN"), help="the wasm-cc binary")
    parser.add_argument("--count", type=int, default=30, help="translation units (zlib's first, then generated)")
    parser.add_argument("--reps", type=int, default=3, help="compiles of each file by each method")
    parser.add_argument("--link-reps", type=int, default=5, help="side-module links by each method")
    parser.add_argument("--cache", default=os.path.expanduser("~/.cache/wasm-build/bench-cc"))
    args = parser.parse_args()
    if not args.wasm_cc or not os.access(args.wasm_cc, os.X_OK):
        sys.exit("bench: give the wasm-cc binary with --wasm-cc or WASM_CC_BIN")

    env = dict(os.environ)
    env.setdefault("NODE_PATH", "/usr/share/nodejs")
    for name in ("WASM_CC_LOG", "EMCC_CFLAGS", "WASM_CC_EXTRA_CFLAGS", "WASM_CC_EXTRA_LDFLAGS"):
        env.pop(name, None)
    work = Path(tempfile.mkdtemp(prefix="wasm-cc-bench-"))
    try:
        return bench(args, env, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench(args, env, work):
    config = work / "cc.conf"
    start = time.perf_counter()
    run([args.wasm_cc, "--probe", str(config)], env)
    probe_s = time.perf_counter() - start
    run([args.wasm_cc, "--install-shims", str(work / "bin")], env)
    env["WASM_CC_CONFIG"] = str(config)
    clang = next(l.split("=", 1)[1] for l in config.read_text().splitlines() if l.startswith("clang="))
    emcc_cflags = run(["emcc", "--cflags"], env).split()

    (work / "src").mkdir()
    sources = zlib_sources(Path(args.cache), work / "src")[: args.count]
    sources += generated_sources(work / "src", args.count - len(sources))
    common = ["-O2", "-fPIC", "-fvisibility=hidden", "-c"]
    methods = {
        "wasm-cc": lambda src, inc, out: [str(work / "bin" / "cc"), "-O2", *inc, "-c", str(src), "-o", out],
        "clang": lambda src, inc, out: [clang, *emcc_cflags, *common, *inc, str(src), "-o", out],
        "emcc": lambda src, inc, out: ["emcc", *common, *inc, str(src), "-o", out],
    }
    times = {(src, m): [] for src, _ in sources for m in methods}
    for _ in range(args.reps):
        for src, inc in sources:
            for name, make in methods.items():
                out = str(work / f"{src.stem}.{name}.o")
                times[(src, name)].append(timed(make(src, inc, out), env, work))
    same = sum((work / f"{s.stem}.wasm-cc.o").read_bytes() == (work / f"{s.stem}.clang.o").read_bytes()
               for s, _ in sources)

    print(f"probe (once per toolchain): {probe_s:.2f} s")
    print(f"\n{len(sources)} translation units x {args.reps} compiles each, -O2, interleaved; mean ms per compile")
    print(f"{'file':<16}{'wasm-cc':>9}{'clang':>9}{'emcc':>9}{'wcc/clang':>11}{'emcc/wcc':>10}")
    ratios_wc, ratios_ew = [], []
    for src, _ in sources:
        w, c, e = (mean_ms(times[(src, m)]) for m in methods)
        ratios_wc.append(w / c)
        ratios_ew.append(e / w)
        print(f"{src.name:<16}{w:9.1f}{c:9.1f}{e:9.1f}{w / c:11.2f}{e / w:10.2f}")
    w, c, e = (statistics.mean(mean_ms(times[(s, m)]) for s, _ in sources) for m in methods)
    print(f"{'mean':<16}{w:9.1f}{c:9.1f}{e:9.1f}{w / c:11.2f}{e / w:10.2f}")
    print(f"geometric mean of per-file ratios: wasm-cc/clang {statistics.geometric_mean(ratios_wc):.3f}, "
          f"emcc/wasm-cc {statistics.geometric_mean(ratios_ew):.2f}")
    w, c, e = (statistics.mean(mean_ms(times[(s, m)], 1) for s, _ in sources) for m in methods)
    print(f"CPU time per compile (less sensitive to other load): wasm-cc {w:.1f} ms, clang {c:.1f} ms, "
          f"emcc {e:.1f} ms; wasm-cc/clang {w / c:.3f}, emcc/wasm-cc {e / w:.2f}")
    fixed = [timed([str(work / "bin" / "cc"), "-dumpmachine"], env, work) for _ in range(100)]
    true = [timed(["true"], env, work) for _ in range(100)]
    print(f"wasm-cc fixed cost (cc -dumpmachine: start, read config, answer) {mean_ms(fixed, 1):.2f} ms CPU, "
          f"{mean_ms(fixed):.2f} ms wall; /bin/true {mean_ms(true, 1):.2f} ms CPU, {mean_ms(true):.2f} ms wall")
    print(f"objects from wasm-cc byte-identical to bare clang's: {same}/{len(sources)}")
    # A program's main() cannot go into a side module with the others.
    library = [s for s, _ in sources if not re.search(r"^\s*(int\s+)?main\s*\(", s.read_text(errors="replace"), re.M)]
    bench_links(args, env, work, [f"{s.stem}.wasm-cc.o" for s in library])
    return 0


def bench_links(args, env, work, objects):
    for opt in ("-O0", "-O2"):
        samples = {"wasm-cc": [], "emcc": []}
        for _ in range(args.link_reps):
            samples["wasm-cc"].append(timed([str(work / "bin" / "cc"), "-shared", opt, *objects, "-o", "wcc.so"],
                                            env, work))
            samples["emcc"].append(timed(["emcc", "-shared", "-sSIDE_MODULE=1", opt, *objects, "-o", "emcc.so"],
                                         env, work))
        identical = (work / "wcc.so").read_bytes() == (work / "emcc.so").read_bytes()
        w, e = mean_ms(samples["wasm-cc"]), mean_ms(samples["emcc"])
        wc, ec = mean_ms(samples["wasm-cc"], 1), mean_ms(samples["emcc"], 1)
        print(f"\nside-module link of {len(objects)} objects {opt}, {args.link_reps} each, interleaved: "
              f"wasm-cc {w:.1f} ms, emcc {e:.1f} ms, emcc/wasm-cc {e / w:.2f} "
              f"(CPU {wc:.1f} vs {ec:.1f} ms, {ec / wc:.2f}); outputs identical: {identical}")


if __name__ == "__main__":
    sys.exit(main())
