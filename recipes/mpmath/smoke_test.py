import mpmath
from mpmath import mp, mpf

mp.dps = 50
assert str(mp.pi).startswith("3.14159265358979323846264338327950288419716939937"), str(mp.pi)
assert abs(mpmath.quad(lambda x: mpmath.exp(-x**2), [-mpmath.inf, mpmath.inf]) - mpmath.sqrt(mp.pi)) < mpf(10)**-45
assert mpmath.findroot(lambda x: x**2 - 2, 1.5) ** 2 - 2 < mpf(10)**-45
print("mpmath", mpmath.__version__, "backend", mpmath.libmp.BACKEND)
