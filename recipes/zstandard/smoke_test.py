# The C backend must be the one in use (the package also carries a CFFI backend, not built here).
import zstandard
from zstandard import backend_c

assert zstandard.backend == "cext", zstandard.backend
assert zstandard.ZstdCompressor is backend_c.ZstdCompressor
data = b"wasm-build " * 10000
frame = zstandard.ZstdCompressor(level=10).compress(data)
assert len(frame) < len(data) // 50, len(frame)
assert zstandard.ZstdDecompressor().decompress(frame) == data
print("zstandard", zstandard.__version__, "zstd", zstandard.ZSTD_VERSION, "from", backend_c.__file__)
