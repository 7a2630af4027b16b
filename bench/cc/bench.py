#!/usr/bin/env python3
"""Compile and link cost of wasm-cc against bare clang and emcc, measured in one run.

Runs inside a toolchain root (bench/cc/run.sh puts it there, in the sandbox package builds use), with
the platform's ABI flags on every call, as a Pyodide package build has them. Each translation unit is
compiled three ways in turn (interleaved, so that load from other work on the machine falls on all
three alike): wasm-cc (the cc/c++ shims), the bare clang command wasm-cc runs (the probed flags), and
emcc. Then side modules are linked by wasm-cc and by emcc. CPU time (user+system of each command and
its children, from getrusage) is the number to trust on a busy machine; wall time is shown beside it.
See README.md.
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


def run(argv, env, cwd):
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


def zlib_sources(sources: Path, dest: Path):
    """zlib's C files from Debian's orig tarball in `sources` (run.sh fetches it), or []."""
    tarballs = sorted(sources.glob("zlib_*.orig.tar.*")) if sources.is_dir() else []
    if not tarballs:
        print("bench: no zlib_*.orig.tar.* in the sources directory; generated files only")
        return []
    with tarfile.open(tarballs[0]) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.count("/") <= 1 and m.name.endswith((".c", ".h"))]
        tar.extractall(dest, members=members, filter="data")
    root = dest / sorted({m.name.split("/")[0] for m in members})[0]
    # What zlib's configure detects on an Emscripten target.
    flags = ["-I", str(root), "-DHAVE_UNISTD_H", "-DHAVE_STDARG_H"]
    return [(p, flags) for p in sorted(root.glob("*.c"))]


GENERATED_C = r"""
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry_{n} {{ char *key; double value; struct entry_{n} *next; }} entry_{n};
typedef struct {{ entry_{n} **buckets; size_t size, count; jmp_buf on_error; }} table_{n};

static uint32_t hash_{n}(const char *s) {{
    uint32_t h = 2166136261u ^ {n}u;
    while (*s) {{ h ^= (unsigned char)*s++; h *= 16777619u; }}
    return h;
}}

static int cmp_{n}(const void *a, const void *b) {{
    double x = (*(const entry_{n} *const *)a)->value, y = (*(const entry_{n} *const *)b)->value;
    return (x > y) - (x < y);
}}

int table_{n}_put(table_{n} *t, const char *key, double value) {{
    uint32_t h = hash_{n}(key) % t->size;
    for (entry_{n} *e = t->buckets[h]; e; e = e->next)
        if (strcmp(e->key, key) == 0) {{ e->value = value; return 0; }}
    entry_{n} *e = malloc(sizeof *e);
    if (!e) longjmp(t->on_error, 1);
    e->key = strdup(key);
    e->value = value;
    e->next = t->buckets[h];
    t->buckets[h] = e;
    t->count++;
    return 1;
}}

int table_{n}_fill(table_{n} *t, int count) {{
    if (setjmp(t->on_error)) return -1;
    char key[32];
    for (int i = 0; i < count; i++) {{ snprintf(key, sizeof key, "k%d", i); table_{n}_put(t, key, sin(i)); }}
    return (int)t->count;
}}

double table_{n}_median(const table_{n} *t) {{
    entry_{n} **all = malloc(t->count * sizeof *all);
    size_t k = 0;
    for (size_t i = 0; i < t->size; i++)
        for (entry_{n} *e = t->buckets[i]; e; e = e->next) all[k++] = e;
    qsort(all, k, sizeof *all, cmp_{n});
    double median = k ? all[k / 2]->value : 0;
    free(all);
    return median;
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

GENERATED_CXX = r"""
#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace gen{n} {{
struct Account {{ std::string owner; long cents; }};

class Ledger {{
public:
    void deposit(const std::string& owner, long cents) {{
        if (cents <= 0) throw std::invalid_argument("deposit must be positive: " + std::to_string(cents));
        m_accounts[owner].owner = owner;
        m_accounts[owner].cents += cents;
    }}
    void withdraw(const std::string& owner, long cents) {{
        auto it = m_accounts.find(owner);
        if (it == m_accounts.end()) throw std::out_of_range("no account " + owner);
        if (it->second.cents < cents) throw std::runtime_error("overdrawn: " + owner);
        it->second.cents -= cents;
    }}
    std::vector<Account> richest(size_t n) const {{
        std::vector<Account> all;
        for (const auto& [name, account] : m_accounts) all.push_back(account);
        std::sort(all.begin(), all.end(), [](const Account& a, const Account& b) {{ return a.cents > b.cents; }});
        if (all.size() > n) all.resize(n);
        return all;
    }}
private:
    std::map<std::string, Account> m_accounts;
}};
}}  // namespace gen{n}

extern "C" int ledger_{n}_run(int rounds) {{
    gen{n}::Ledger ledger;
    int errors = 0;
    for (int i = 0; i < rounds; i++) {{
        try {{
            ledger.deposit("a" + std::to_string(i % 7), i + {n});
            ledger.withdraw("a" + std::to_string(i % 5), 3 * i);
        }} catch (const std::exception& e) {{
            errors += static_cast<int>(std::string(e.what()).size() % 3) + 1;
        }}
    }}
    return errors + static_cast<int>(ledger.richest(3).size());
}}
"""


def generated_sources(dest: Path, count: int, template: str, suffix: str):
    files = []
    for n in range(count):
        path = dest / f"gen_{n:02d}{suffix}"
        path.write_text(template.format(n=n))
        files.append((path, []))
    return files


def config_values(config: Path, key: str):
    return [line.split("=", 1)[1] for line in config.read_text().splitlines() if line.startswith(key + "=")]


def ms(samples, which):
    """Mean in ms of the wall (which=0) or CPU (which=1) times."""
    return 1000 * statistics.mean(s[which] for s in samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wasm-cc", required=True, help="the wasm-cc binary")
    parser.add_argument("--abi-flags", required=True, help="the platform's ABI flags, one string")
    parser.add_argument("--sources", default="/sources", help="directory holding zlib_*.orig.tar.*")
    parser.add_argument("--count", type=int, default=24, help="C translation units (zlib's first, then generated)")
    parser.add_argument("--cxx-count", type=int, default=6, help="C++ translation units (generated, throw/catch)")
    parser.add_argument("--reps", type=int, default=3, help="compiles of each file by each method")
    parser.add_argument("--link-reps", type=int, default=5, help="side-module links by each method")
    parser.add_argument("--per-file", action="store_true", help="print each file's times")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items()
           if k not in ("WASM_CC_LOG", "EMCC_CFLAGS", "WASM_CC_EXTRA_CFLAGS", "WASM_CC_EXTRA_LDFLAGS")}
    work = Path(tempfile.mkdtemp(prefix="wasm-cc-bench-"))
    try:
        return bench(args, env, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench(args, env, work):
    abi = args.abi_flags.split()
    config = work / "cc.conf"
    probe = timed([args.wasm_cc, "--probe", str(config), "--abi-flags", args.abi_flags], env, work)
    run([args.wasm_cc, "--install-shims", str(work / "bin")], env, work)
    env["WASM_CC_CONFIG"] = str(config)
    version = config_values(config, "emscripten_version")[0]
    clang = {False: config_values(config, "clang")[0], True: config_values(config, "clang++")[0]}
    cflags = {False: config_values(config, "cflag"), True: config_values(config, "cxxflag")}
    # What wasm-cc runs for a compile: the probed flags, its defaults, the call's flags minus the
    # settings emcc absorbs.
    clang_abi = [f for f in abi if not f.startswith("-s")]
    defaults = ["-fPIC", "-fvisibility=hidden"]

    (work / "src").mkdir()
    sources = zlib_sources(Path(args.sources), work / "src")[: args.count]
    sources += generated_sources(work / "src", args.count - len(sources), GENERATED_C, ".c")
    sources += generated_sources(work / "src", args.cxx_count, GENERATED_CXX, ".cpp")
    is_cxx = {src: src.suffix == ".cpp" for src, _ in sources}
    methods = {
        "wasm-cc": lambda src, inc, out: [str(work / "bin" / ("c++" if is_cxx[src] else "cc")), "-O2", *abi, *inc,
                                          "-c", str(src), "-o", out],
        "clang": lambda src, inc, out: [clang[is_cxx[src]], *cflags[is_cxx[src]], *defaults, "-O2", *clang_abi, *inc,
                                        "-c", str(src), "-o", out],
        "emcc": lambda src, inc, out: ["em++" if is_cxx[src] else "emcc", *defaults, "-O2", *abi, *inc, "-c",
                                       str(src), "-o", out],
    }
    times = {(src, m): [] for src, _ in sources for m in methods}
    for _ in range(args.reps):
        for src, inc in sources:
            for name, make in methods.items():
                times[(src, name)].append(timed(make(src, inc, str(work / f"{src.name}.{name}.o")), env, work))

    print(f"Emscripten {version}, ABI flags: {args.abi_flags}; probe (once per root and flags): "
          f"{probe[0]:.1f} s wall")
    same = sum(len({(work / f"{s.name}.{m}.o").read_bytes() for m in methods}) == 1 for s, _ in sources)
    print(f"objects byte-identical across wasm-cc, bare clang and emcc: {same}/{len(sources)}")
    for label, group in (("C", [s for s, _ in sources if not is_cxx[s]]), ("C++", [s for s, _ in sources if is_cxx[s]])):
        report_compiles(label, group, times, args)
    fixed = [timed([str(work / "bin" / "cc"), "-dumpmachine"], env, work) for _ in range(100)]
    true = [timed(["true"], env, work) for _ in range(100)]
    print(f"\nwasm-cc's own cost per call (cc -dumpmachine: start, read the configuration, answer): "
          f"{ms(fixed, 1):.2f} ms CPU ({ms(fixed, 0):.2f} ms wall); /bin/true {ms(true, 1):.2f} ms CPU")
    # A program's main() cannot go into a side module with the others.
    library = [s for s, _ in sources if not re.search(r"^\s*(int\s+)?main\s*\(", s.read_text(errors="replace"), re.M)]
    bench_links(args, env, work, abi, [f"{s.name}.wasm-cc.o" for s in library])
    return 0


def report_compiles(label, group, times, args):
    if not group:
        return
    cpu = {m: statistics.mean(ms(times[(s, m)], 1) for s in group) for m in ("wasm-cc", "clang", "emcc")}
    wall = {m: statistics.mean(ms(times[(s, m)], 0) for s in group) for m in ("wasm-cc", "clang", "emcc")}
    per_file_wc = [ms(times[(s, "wasm-cc")], 1) / ms(times[(s, "clang")], 1) for s in group]
    per_file_ew = [ms(times[(s, "emcc")], 1) / ms(times[(s, "wasm-cc")], 1) for s in group]
    print(f"\n{label}: {len(group)} translation units x {args.reps} compiles each way, -O2, interleaved; "
          f"mean per compile")
    print(f"  {'':8}{'wasm-cc':>10}{'clang':>10}{'emcc':>10}   {'wasm-cc/clang':>14}{'emcc/wasm-cc':>14}")
    for kind, t in (("CPU ms", cpu), ("wall ms", wall)):
        print(f"  {kind:8}{t['wasm-cc']:10.1f}{t['clang']:10.1f}{t['emcc']:10.1f}   "
              f"{t['wasm-cc'] / t['clang']:14.3f}{t['emcc'] / t['wasm-cc']:14.2f}")
    print(f"  CPU, geometric mean of per-file ratios: wasm-cc/clang {statistics.geometric_mean(per_file_wc):.3f}, "
          f"emcc/wasm-cc {statistics.geometric_mean(per_file_ew):.2f}; emcc's extra CPU per compile "
          f"{cpu['emcc'] - cpu['wasm-cc']:.0f} ms, wasm-cc's {cpu['wasm-cc'] - cpu['clang']:.1f} ms")
    if args.per_file:
        for s in group:
            w, c, e = (ms(times[(s, m)], 1) for m in ("wasm-cc", "clang", "emcc"))
            print(f"    {s.name:<16}{w:8.1f}{c:8.1f}{e:8.1f}{w / c:8.3f}{e / w:8.2f}")


def bench_links(args, env, work, abi, objects):
    (work / "emcc").mkdir()
    for opts in (["-O0"], ["-O2"], ["-O2", "-g"]):
        samples = {"wasm-cc": [], "emcc": []}
        # The same file name for both: with -g, wasm-ld writes it into the module.
        for _ in range(args.link_reps):
            samples["wasm-cc"].append(timed([str(work / "bin" / "c++"), "-shared", *abi, "-sSIDE_MODULE=1", *opts,
                                             *objects, "-o", "mod.so"], env, work))
            samples["emcc"].append(timed(["em++", "-shared", "-sSIDE_MODULE=1", *abi, *opts, *[f"../{o}" for o in objects],
                                          "-o", "mod.so"], env, work / "emcc"))
        identical = (work / "mod.so").read_bytes() == (work / "emcc" / "mod.so").read_bytes()
        w, e = ms(samples["wasm-cc"], 1), ms(samples["emcc"], 1)
        print(f"\nside-module link of {len(objects)} objects {' '.join(opts)}, {args.link_reps} each way, interleaved: "
              f"CPU wasm-cc {w:.0f} ms, emcc {e:.0f} ms, emcc/wasm-cc {e / w:.2f} (wall {ms(samples['wasm-cc'], 0):.0f} "
              f"vs {ms(samples['emcc'], 0):.0f} ms); outputs identical: {identical}")


if __name__ == "__main__":
    sys.exit(main())
