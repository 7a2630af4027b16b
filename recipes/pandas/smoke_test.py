# pandas' core is compiled (pandas._libs: Cython over NumPy's C API): group-by, join and time series
# below all run through it.
import numpy as np
import pandas as pd
from pandas._libs import lib

df = pd.DataFrame({"k": ["a", "b", "a", "c", "b"], "v": np.arange(5, dtype="int64")})
sums = df.groupby("k")["v"].sum()
assert sums.to_dict() == {"a": 2, "b": 5, "c": 3}, sums
joined = df.merge(pd.DataFrame({"k": ["a", "b"], "w": [10.0, 20.0]}), on="k", how="left")
assert joined["w"].isna().sum() == 1 and joined["w"].sum() == 60.0, joined
idx = pd.date_range("2026-01-01", periods=4, freq="D", tz="UTC")
s = pd.Series([1.0, 2.0, 3.0, 4.0], index=idx).resample("2D").mean()
assert list(s) == [1.5, 3.5], s
assert lib.is_integer(np.int64(3)) and not lib.is_integer(3.0)
print("pandas", pd.__version__, "numpy", np.__version__, "libs from", lib.__file__)
