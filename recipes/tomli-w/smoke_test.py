import datetime
import tomllib
import tomli_w

doc = {"title": "x", "owner": {"name": "\u00e9", "when": datetime.date(2024, 1, 2)}, "p": [{"n": 1}, {"n": 2}]}
text = tomli_w.dumps(doc)
assert tomllib.loads(text) == doc, text
print("tomli-w ok")
