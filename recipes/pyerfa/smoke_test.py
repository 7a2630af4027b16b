# pyerfa's functions are NumPy ufuncs compiled against NumPy's C API (erfa.ufunc): their results
# over arrays prove the extension was built against the NumPy it runs with.
import numpy as np

import erfa
from erfa import ufunc

assert erfa.cal2jd is not None and isinstance(ufunc.cal2jd, np.ufunc), type(ufunc.cal2jd)
djm0, djm = erfa.cal2jd(np.array([2000, 2024]), 1, 1)
assert np.all(djm0 == 2400000.5) and list(djm) == [51544.0, 60310.0], (djm0, djm)
# Earth rotation angle at J2000.0 (IAU 2000), a known value.
era = erfa.era00(2451545.0, 0.0)
assert abs(era - 4.894961212823756) < 1e-12, era
print("pyerfa", erfa.__version__, "liberfa", erfa.version.erfa_version, "from", ufunc.__file__)
