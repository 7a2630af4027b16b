# brotli.py is a thin layer over the compiled _brotli: check it is that module's codec in use.
import brotli
import _brotli

assert brotli.Compressor is _brotli.Compressor and brotli.decompress is _brotli.decompress
data = "wasm-build \u00e9 ".encode() * 5000
packed = brotli.compress(data, quality=9)
assert len(packed) < len(data) // 50, len(packed)
assert brotli.decompress(packed) == data
print("brotli", brotli.__version__, "from", _brotli.__file__)
