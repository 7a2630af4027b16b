# regex has no pure-Python fallback: the C engine (_regex) must load and match.
import regex
from regex import _regex

assert regex._main._regex is _regex
m = regex.search(r"(?<word>\p{L}+)\s+(?&word)", "héllo wörld 42")
assert m and m.group(0) == "héllo wörld", m
assert regex.findall(r"(?i)straße", "STRASSE strasse Straße", flags=regex.FULLCASE) == ["STRASSE", "strasse", "Straße"]
assert regex.match(r"(?:ab){2,}+c", "ababc")
print("regex", regex.__version__, "engine from", _regex.__file__)
