import tomli

doc = tomli.loads('title = "x"\n[owner]\nname = "\\u00e9"\ndob = 1979-05-27T07:32:00Z\n[[p]]\nn = 1\n[[p]]\nn = 2\n')
assert doc["owner"]["name"] == "\u00e9" and [p["n"] for p in doc["p"]] == [1, 2]
assert doc["owner"]["dob"].year == 1979
try:
    tomli.loads("a = ")
except tomli.TOMLDecodeError:
    pass
else:
    raise AssertionError("invalid TOML accepted")
print("tomli ok")
