# The compiled contour generators must load and contour a grid (contourpy has no Python fallback).
import numpy as np
import contourpy
from contourpy import _contourpy, contour_generator

x, y = np.meshgrid(np.linspace(-1, 1, 41), np.linspace(-1, 1, 41))
z = x**2 + y**2
for name in ("serial", "mpl2014", "mpl2005"):
    gen = contour_generator(x, y, z, name=name, line_type=contourpy.LineType.SeparateCode)
    points, codes = gen.lines(0.25)
    assert len(points) == 1 and len(codes) == 1, (name, len(points))
    r = np.hypot(points[0][:, 0], points[0][:, 1])
    assert np.allclose(r, 0.5, atol=0.01), (name, r.min(), r.max())
assert type(contour_generator(x, y, z, name="serial")) is _contourpy.SerialContourGenerator
print("contourpy", contourpy.__version__, "from", _contourpy.__file__)
