# Smoke test for NumPy in the wasm runtime: real computations with asserted results, one line per
# area, "smoke: ok" at the end. Any failure exits non-zero. Several checks guard this recipe's
# patches (see NOTES.md): float hashing (0002), linalg import and errors (0005, 0008), random fill
# functions (0006), float compare in unique/sort (0007).
import math
import sys
import traceback
import warnings

import numpy as np
from numpy.testing import assert_allclose, assert_array_equal


def check_basics():
    a = np.arange(6).reshape(2, 3)
    assert_array_equal(a @ np.ones(3), [3.0, 12.0])
    assert a.dtype == np.int32 or a.dtype == np.int64
    assert np.dtype(np.intp).itemsize == 4  # wasm32
    b = np.arange(12, dtype=np.float64).reshape(3, 4)
    assert_array_equal(b.T.shape, (4, 3))
    assert_array_equal(b[1:, ::2], [[4.0, 6.0], [8.0, 10.0]])
    assert_array_equal(np.broadcast_to(np.arange(3), (2, 3)).sum(axis=0), [0, 2, 4])
    assert_array_equal(np.einsum("ij,j->i", b, np.ones(4)), [6.0, 22.0, 38.0])
    # scalar hashing follows Python's (patch 0002)
    assert hash(np.float32(1.5)) == hash(1.5)
    assert hash(np.float16(0.5)) == hash(0.5)
    assert hash(np.complex64(2 + 0j)) == hash(2.0)
    assert len({np.float32(1.0), np.float64(1.0), 1.0}) == 1
    return "basics: matmul, indexing, einsum, scalar hashes"


def check_linalg():
    a = np.array([[3.0, 1.0], [1.0, 2.0]])
    assert_allclose(np.linalg.solve(a, [9.0, 8.0]), [2.0, 3.0])
    assert_allclose(np.linalg.inv(a), [[0.4, -0.2], [-0.2, 0.6]])
    assert_allclose(np.linalg.det(a), 5.0)
    w = np.linalg.eigvalsh(a)
    assert_allclose(w, [(5 - math.sqrt(5)) / 2, (5 + math.sqrt(5)) / 2])
    vals, vecs = np.linalg.eig(np.array([[2.0, 0.0], [0.0, 3.0]]))
    assert_allclose(sorted(vals), [2.0, 3.0])
    assert_allclose(np.abs(vecs), np.eye(2))
    rot = np.array([[0.0, -1.0], [1.0, 0.0]])  # eigenvalues +-i
    assert_allclose(sorted(np.linalg.eigvals(rot), key=lambda z: z.imag), [-1j, 1j], atol=1e-12)
    m = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    u, s, vt = np.linalg.svd(m, full_matrices=False)
    assert_allclose((u * s) @ vt, m, atol=1e-12)
    assert_allclose(s, [9.525518091565107, 0.514300580658644], rtol=1e-12)
    assert np.linalg.matrix_rank(m) == 2
    x, _, rank, _ = np.linalg.lstsq(m, [1.0, 2.0, 3.0], rcond=None)
    assert rank == 2
    assert_allclose(m @ x, [1.0, 2.0, 3.0], atol=1e-12)
    c = np.linalg.cholesky(a)
    assert_allclose(c @ c.T, a)
    q, r = np.linalg.qr(m)
    assert_allclose(q @ r, m, atol=1e-12)
    assert_allclose(np.linalg.norm([3.0, 4.0]), 5.0)
    assert_allclose(np.linalg.matrix_power(rot, 4), np.eye(2))
    # complex and float32 paths of lapack_lite
    h = np.array([[2.0, 1j], [-1j, 2.0]])
    assert_allclose(np.linalg.eigvalsh(h), [1.0, 3.0])
    assert_allclose(np.linalg.inv(a.astype(np.float32)), [[0.4, -0.2], [-0.2, 0.6]], rtol=1e-6)
    # stacked (gufunc) inputs
    stack = np.stack([a, 2 * a])
    assert_allclose(np.linalg.det(stack), [5.0, 20.0])
    # a singular matrix raises (the error travels through the FP status word: patch 0008)
    for func in (np.linalg.inv, lambda z: np.linalg.solve(z, [1.0, 2.0])):
        try:
            func(np.array([[1.0, 2.0], [2.0, 4.0]]))
        except np.linalg.LinAlgError:
            pass
        else:
            raise AssertionError("singular matrix did not raise LinAlgError")
    return "linalg: solve inv det eig eigh svd lstsq cholesky qr, LinAlgError on singular"


def check_fft():
    rng = np.random.default_rng(0)
    x = rng.standard_normal(64) + 1j * rng.standard_normal(64)
    assert_allclose(np.fft.ifft(np.fft.fft(x)), x, atol=1e-12)
    assert_allclose(np.fft.fft([1.0, 0.0, 0.0, 0.0]), [1.0, 1.0, 1.0, 1.0])
    n = 32
    t = np.arange(n)
    spec = np.fft.rfft(np.cos(2 * np.pi * 3 * t / n))
    expected = np.zeros(n // 2 + 1)
    expected[3] = n / 2
    assert_allclose(spec, expected, atol=1e-9)
    assert_allclose(np.fft.irfft(spec, n), np.cos(2 * np.pi * 3 * t / n), atol=1e-12)
    assert_allclose(np.fft.fftfreq(4, d=0.5), [0.0, 0.5, -1.0, -0.5])
    img = rng.standard_normal((6, 10))
    assert_allclose(np.fft.ifft2(np.fft.fft2(img)).real, img, atol=1e-12)
    assert_allclose(np.fft.fft(np.ones(7)), [7] + [0] * 6, atol=1e-12)  # odd, non-power-of-2 length
    return "fft: round trips, cosine spectrum, fft2, odd length"


def check_random():
    # known values of the reference generators
    assert np.random.default_rng(42).random() == 0.7739560485559633
    assert np.random.default_rng(12345).random() == 0.22733602246716966
    assert np.random.RandomState(0).rand() == 0.5488135039273248
    assert_array_equal(np.random.RandomState(0).randint(0, 10, 5), [5, 0, 3, 3, 7])
    assert_allclose(np.random.RandomState(1).rand(3),
                    [4.17022004702574e-01, 7.203244934421581e-01, 1.1437481734488664e-04])
    # reproducibility and shapes, including the fill functions (patch 0006)
    g1, g2 = np.random.default_rng(7), np.random.default_rng(7)
    a = g1.standard_normal((3, 4), dtype=np.float32)
    assert a.shape == (3, 4) and a.dtype == np.float32
    assert_array_equal(a, g2.standard_normal((3, 4), dtype=np.float32))
    assert_array_equal(g1.random(5), g2.random(5))
    assert g1.exponential(size=(2, 2)).shape == (2, 2)
    assert g1.standard_exponential(3, dtype=np.float32).dtype == np.float32
    ints = g1.integers(0, 10, size=1000)
    assert ints.min() >= 0 and ints.max() <= 9
    big = np.random.default_rng(1).standard_normal(100000)
    assert abs(big.mean()) < 0.02 and abs(big.std() - 1) < 0.02
    rs = np.random.RandomState(3)
    assert rs.rand(2, 3).shape == (2, 3)
    assert rs.standard_normal(4).shape == (4,)
    assert rs.poisson(3.0, 10).dtype.kind == "i"
    assert rs.hypergeometric(10, 5, 6, size=4).shape == (4,)
    perm = np.random.default_rng(5).permutation(10)
    assert_array_equal(np.sort(perm), np.arange(10))
    for bitgen in (np.random.PCG64, np.random.MT19937, np.random.Philox, np.random.SFC64):
        x1 = np.random.Generator(bitgen(123)).random(3)
        x2 = np.random.Generator(bitgen(123)).random(3)
        assert_array_equal(x1, x2)
    return "random: known seeded values, reproducibility, shapes, 4 bit generators"


def check_datetime():
    d = np.datetime64("2020-02-28")
    assert d + np.timedelta64(1, "D") == np.datetime64("2020-02-29")
    assert d + np.timedelta64(2, "D") == np.datetime64("2020-03-01")
    assert np.datetime64("2021-01-01") - np.datetime64("2020-01-01") == np.timedelta64(366, "D")
    days = np.arange("2024-01-01", "2024-01-08", dtype="datetime64[D]")
    assert len(days) == 7
    assert_array_equal(days.astype("datetime64[M]"), np.full(7, np.datetime64("2024-01")))
    assert np.busday_count("2024-01-01", "2024-01-08") == 5
    assert str(np.datetime64("2020-01-01T12:30") + np.timedelta64(90, "m")) == "2020-01-01T14:00"
    assert np.timedelta64(3, "h") / np.timedelta64(30, "m") == 6.0
    assert np.timedelta64(7, "D") // np.timedelta64(2, "D") == 3
    assert np.datetime64("NaT") != np.datetime64("NaT")
    assert_array_equal(np.diff(np.array(["2020-01-01", "2020-03-01"], dtype="datetime64[D]")),
                       [np.timedelta64(60, "D")])
    return "datetime: calendar arithmetic, ranges, busdays, timedelta division"


def check_ufuncs():
    x = np.linspace(0, 1, 11)
    assert_allclose(np.sin(x) ** 2 + np.cos(x) ** 2, np.ones(11))
    assert_allclose(np.exp(np.log(x[1:])), x[1:])
    assert_allclose(np.sqrt(np.array([4.0, 9.0], dtype=np.float32)), [2.0, 3.0])
    assert_allclose(np.arctan2(1.0, 1.0), math.pi / 4)
    assert_allclose(np.hypot(3.0, 4.0), 5.0)
    assert_array_equal(np.floor_divide([7, -7], 2), [3, -4])
    assert_array_equal(np.mod([7, -7], 3), [1, 2])
    assert_array_equal(np.left_shift(1, np.arange(4)), [1, 2, 4, 8])
    assert_array_equal(np.maximum([1, 5, np.nan], [2, 3, 1]), [2, 5, np.nan])
    assert_allclose(np.exp(1j * np.pi), -1, atol=1e-15)
    assert_allclose(np.abs(np.array([3 + 4j], dtype=np.complex64)), [5.0])
    assert np.float16(1.5) + np.float16(2.25) == np.float16(3.75)
    assert np.isnan(np.float64("nan")) and np.isinf(np.float32("inf"))
    assert_array_equal(np.add.accumulate([1, 2, 3]), [1, 3, 6])
    assert_array_equal(np.multiply.outer([1, 2], [3, 4]), [[3, 4], [6, 8]])
    assert np.longdouble(1) / 3 != 0
    # integer division by zero warns (NumPy raises that flag itself: patch 0008)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        assert_array_equal(np.array([3]) // np.array([0]), [0])
    assert any("divide by zero" in str(m.message) for m in w)
    with np.errstate(divide="raise"):
        try:
            np.array([1]) // 0
        except FloatingPointError:
            pass
        else:
            raise AssertionError("integer division by zero did not raise under errstate")
    return "ufuncs: math, int ops, complex, float16, accumulate/outer, errstate"


def check_reductions():
    a = np.arange(1, 13, dtype=np.float64).reshape(3, 4)
    assert a.sum() == 78.0
    assert_array_equal(a.sum(axis=0), [15.0, 18.0, 21.0, 24.0])
    assert_allclose(a.mean(axis=1), [2.5, 6.5, 10.5])
    assert_allclose(np.std([2, 4, 4, 4, 5, 5, 7, 9]), 2.0)
    assert_allclose(np.var([1.0, 2.0, 3.0, 4.0], ddof=1), 5.0 / 3)
    assert_array_equal(a.argmax(axis=1), [3, 3, 3])
    assert a.prod() == math.factorial(12)
    assert_array_equal(np.cumsum([1, 2, 3, 4]), [1, 3, 6, 10])
    assert np.median([3.0, 1.0, 2.0, 10.0]) == 2.5
    assert_allclose(np.percentile(np.arange(101), [25, 50, 90]), [25.0, 50.0, 90.0])
    assert np.nansum([1.0, np.nan, 2.0]) == 3.0
    assert np.nanmax([np.nan, 4.0, 1.0]) == 4.0
    assert np.sum(np.ones(10 ** 6, dtype=np.float32)) == 10 ** 6  # pairwise summation
    assert np.all(a > 0) and not np.any(a > 12)
    assert np.count_nonzero(a % 2 == 0) == 6
    assert_allclose(np.corrcoef([1, 2, 3], [2, 4, 6])[0, 1], 1.0)
    assert_array_equal(np.bincount([0, 1, 1, 3]), [1, 2, 0, 1])
    return "reductions: sum mean std var argmax prod cumsum median percentile nan*"


def check_sorting():
    rng = np.random.default_rng(11)
    data = rng.standard_normal(1000)
    for kind in ("quicksort", "mergesort", "heapsort", "stable"):
        s = np.sort(data, kind=kind)
        assert np.all(s[1:] >= s[:-1]), kind
        assert_array_equal(data[np.argsort(data, kind=kind)], s)
    with_nan = np.array([3.0, np.nan, -1.0, 2.0], dtype=np.float32)
    assert_array_equal(np.sort(with_nan), [-1.0, 2.0, 3.0, np.nan])  # NaN sorts last
    assert_array_equal(np.sort(np.array([2 + 1j, 1 + 5j, 1 + 2j])), [1 + 2j, 1 + 5j, 2 + 1j])
    assert_array_equal(np.sort(np.array(["pear", "apple", "fig"])), ["apple", "fig", "pear"])
    ints = rng.integers(-50, 50, 500)
    assert_array_equal(np.sort(ints, kind="stable"), sorted(ints.tolist()))
    p = np.partition(data, 500)
    assert np.all(p[:500] <= p[500]) and np.all(p[501:] >= p[500])
    assert_array_equal(np.searchsorted([1, 3, 5, 7], [0, 3, 6, 8]), [0, 1, 3, 4])
    rec = np.array([(2, "b"), (1, "z"), (2, "a")], dtype=[("k", int), ("v", "U1")])
    assert_array_equal(np.sort(rec, order=["k", "v"])["v"], ["z", "a", "b"])
    assert_array_equal(np.lexsort(([3, 1, 2], [1, 1, 0])), [2, 1, 0])
    # argmax/argmin on float with NaN use the compare functions too
    assert np.argmax(np.array([1.0, np.nan, 3.0])) == 1
    return "sorting: 4 kinds, NaN/complex/string/structured order, partition, searchsorted"


def check_unique():
    a = np.array([[1, 2], [1, 2], [0, 1], [3, 0]], dtype=np.float32)
    # np.unique(float32, axis=0) crashed before patch 0007
    assert_array_equal(np.unique(a, axis=0), [[0, 1], [1, 2], [3, 0]])
    for dt in (np.float64, np.complex64, np.complex128, np.longdouble, np.float16):
        assert_array_equal(np.unique(a.astype(dt), axis=0), np.array([[0, 1], [1, 2], [3, 0]], dtype=dt))
    assert_array_equal(np.unique(a.T, axis=1), [[0, 1, 3], [1, 2, 0]])
    vals, idx, inv, counts = np.unique([3, 1, 3, 2, 1, 3], return_index=True, return_inverse=True,
                                       return_counts=True)
    assert_array_equal(vals, [1, 2, 3])
    assert_array_equal(idx, [1, 3, 0])
    assert_array_equal(vals[inv], [3, 1, 3, 2, 1, 3])
    assert_array_equal(counts, [2, 1, 3])
    assert_array_equal(np.unique(np.array([1.0, np.nan, 1.0])).size, 2)
    assert_array_equal(np.intersect1d([1, 2, 3, 4], [3, 4, 5]), [3, 4])
    assert_array_equal(np.setdiff1d([1, 2, 3, 4], [2, 4]), [1, 3])
    assert_array_equal(np.isin([1, 5], [5, 6]), [False, True])
    return "unique: axis for float32/float64/complex/longdouble/float16, counts, set ops"


def main():
    checks = [check_basics, check_linalg, check_fft, check_random, check_datetime, check_ufuncs,
              check_reductions, check_sorting, check_unique]
    failed = 0
    for check in checks:
        try:
            print(check())
        except Exception:
            failed += 1
            print("FAILED", check.__name__)
            traceback.print_exc()
        sys.stdout.flush()
    if failed:
        print("smoke: %d area(s) failed" % failed)
        sys.exit(1)
    print("numpy", np.__version__)
    print("smoke: ok")


main()
