# The C speedups must be the implementation in use (simplejson falls back to pure Python).
import decimal
import simplejson
from simplejson import _speedups, decoder, encoder, scanner

assert scanner.c_make_scanner is _speedups.make_scanner, scanner.c_make_scanner
assert encoder.c_make_encoder is _speedups.make_encoder, encoder.c_make_encoder
assert decoder.scanstring is _speedups.scanstring, decoder.scanstring
doc = {"a": [1, 2.5, None, True], "b": "\u00e9\u20ac", "c": decimal.Decimal("1.10")}
text = simplejson.dumps(doc, use_decimal=True, sort_keys=True)
assert simplejson.loads(text, use_decimal=True) == doc, text
print("simplejson", simplejson.__version__, "speedups from", _speedups.__file__)
