import more_itertools as mi

assert list(mi.chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
assert list(mi.windowed("abcd", 2)) == [("a", "b"), ("b", "c"), ("c", "d")]
assert mi.first([], default="none") == "none"
assert list(mi.distinct_permutations([1, 1, 2])) == [(1, 1, 2), (1, 2, 1), (2, 1, 1)]
print("more-itertools", mi.__version__, "ok")
