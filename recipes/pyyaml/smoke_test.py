# The LibYAML bindings must be built and in use (PyYAML falls back to pure Python without them).
import yaml
from yaml import _yaml

assert yaml.__with_libyaml__ is True, "PyYAML built without LibYAML"
assert yaml.CSafeLoader.__mro__[1] is _yaml.CParser, yaml.CSafeLoader.__mro__
doc = {"a": [1, 2.5, None, True], "b": {"c": "\u00e9" * 100}, "d": 2**63}
text = yaml.dump(doc, Dumper=yaml.CSafeDumper)
assert yaml.load(text, Loader=yaml.CSafeLoader) == doc
assert yaml.safe_load(text) == doc
print("pyyaml", yaml.__version__, "libyaml", _yaml.get_version_string(), "from", _yaml.__file__)
