# bitarray is a C type: check the type in use comes from the compiled _bitarray module.
import bitarray
from bitarray import _bitarray, bitarray as ba
from bitarray.util import ba2int, int2ba, zeros

assert ba is _bitarray.bitarray and ba.__module__ == "bitarray", ba
a = ba("1101") + zeros(4)
assert a.to01() == "11010000" and a.count() == 3
assert ba2int(int2ba(123456789, 40)) == 123456789
assert (a & ba("11110000")).to01() == "11010000"
print("bitarray", bitarray.__version__, "from", _bitarray.__file__)
