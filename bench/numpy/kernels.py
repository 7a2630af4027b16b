"""Array kernels and pure-Python code, timed the same way in any interpreter.

Each kernel runs `warmup` times untimed (Node compiles wasm with a baseline tier first and
optimizes hot code later), then `repeat` times; the best time is printed as JSON.
"""
import json
import sys
import time

import numpy as np


def pure_python():
    total = 0
    for i in range(200_000):
        total += i * i % 7
    return total


def kernels():
    rng = np.random.RandomState(0)
    a = rng.rand(1_000_000)
    b = rng.rand(1_000_000)
    m = rng.rand(200, 200)
    s = rng.rand(200_000)
    f = rng.rand(1 << 16)
    return {
        "ufunc add+mul (1e6)": lambda: np.add(a, b) * a,
        "ufunc sin (1e6)": lambda: np.sin(a),
        "reduction sum (1e6)": lambda: a.sum(),
        "reduction std (1e6)": lambda: a.std(),
        "matmul 200x200": lambda: m @ m,
        "sort (2e5)": lambda: np.sort(s),
        "fft (65536)": lambda: np.fft.fft(f),
        "pure Python loop (2e5)": pure_python,
    }


def main():
    warmup, repeat = int(sys.argv[1]), int(sys.argv[2])
    results = {}
    for name, fn in kernels().items():
        for _ in range(warmup):
            fn()
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t)
        results[name] = best
    print(json.dumps({"numpy": np.__version__, "python": sys.version.split()[0], "seconds": results}))


main()
