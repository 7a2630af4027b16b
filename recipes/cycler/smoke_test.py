from cycler import cycler

c = cycler(color=["r", "g"]) * cycler(lw=[1, 2])
assert len(c) == 4 and list(c)[1] == {"color": "r", "lw": 2}
assert (cycler(a=[1, 2]) + cycler(b="xy")).by_key() == {"a": [1, 2], "b": ["x", "y"]}
print("cycler ok")
