import time, sys
t0 = time.time()
import numpy as np
print("numpy", np.__version__, "import", round(time.time() - t0, 2), "s", sys.version.split()[0])
np.show_config() if "--config" in sys.argv else None
a = np.arange(12, dtype=float).reshape(3, 4)
b = a @ a.T
assert b.shape == (3, 3) and b[2, 2] == 8**2 + 9**2 + 10**2 + 11**2, b
x = np.fft.fft(np.ones(8)); assert abs(x[0] - 8) < 1e-12 and np.allclose(x[1:], 0)
r = np.fft.irfft(np.fft.rfft(np.arange(16.0))); assert np.allclose(r, np.arange(16.0))
A = np.array([[3.0, 1.0], [1.0, 2.0]]); y = np.linalg.solve(A, [9.0, 8.0]); assert np.allclose(y, [2, 3]), y
w, v = np.linalg.eigh(A); assert np.allclose(A @ v, v * w)
assert np.allclose(np.linalg.inv(A) @ A, np.eye(2)); u, s, vt = np.linalg.svd(np.random.default_rng(0).random((5, 3)))
rng = np.random.default_rng(12345); z = rng.standard_normal(100000); assert abs(z.mean()) < 0.02 and abs(z.std() - 1) < 0.02
np.random.seed(0); assert np.random.rand(3).shape == (3,); np.random.RandomState(1).randint(0, 10, 5)
s = np.sort(rng.integers(0, 1000, 10001)); assert (np.diff(s) >= 0).all()
assert list(np.argsort(np.array([3, 1, 2]))) == [1, 2, 0]
u = np.unique(np.array([[1.5, 2], [1.5, 2], [0, 1]], dtype=np.float32), axis=0); assert u.shape == (2, 2)
assert np.finfo(np.longdouble).bits == 128 and np.longdouble(1) / 3 != np.float64(1) / 3
assert str(np.datetime64("2026-01-01") + np.timedelta64(1, "D")) == "2026-01-02"
# Known wasm limitation (Pyodide issue 4859, fixed upstream by NumPy PR 32036, after 2.4.x):
# no FP exception flags, so LAPACK failures give NaN instead of LinAlgError.
try:
    r = np.linalg.solve(np.zeros((2, 2)), [1, 2]); print("singular solve: no LinAlgError, result", r)
except np.linalg.LinAlgError as e: print("singular solve: LinAlgError:", e)
print("SMOKE OK")
