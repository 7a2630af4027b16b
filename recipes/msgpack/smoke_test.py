# The Cython extension must be the implementation in use (msgpack falls back to pure Python).
import msgpack
from msgpack import _cmsgpack

assert msgpack.Packer is _cmsgpack.Packer, msgpack.Packer
data = {"a": [1, 2.5, None, True], "b": b"\x00\xff", "c": "\u00e9" * 1000, "d": 2**63 - 1}
assert msgpack.unpackb(msgpack.packb(data)) == data
print("msgpack", msgpack.version, "with", _cmsgpack.__file__)
