import toolz
import tlz
from toolz import curried

assert toolz.pipe(range(10), curried.filter(lambda x: x % 2), curried.map(lambda x: x * x), sum) == 165
assert toolz.groupby(len, ["a", "bb", "c"]) == {1: ["a", "c"], 2: ["bb"]}
assert tlz.merge({"a": 1}, {"b": 2}) == {"a": 1, "b": 2}
assert toolz.compose(str, abs)(-3) == "3"
print("toolz", toolz.__version__, "ok")
