"""Strict JSON and canonical JSON with the C++ client's rules (strict_json.cpp, canonical_json.cpp),
and dates read as its sscanf + timegm read them (roles.cpp)."""

import unittest

import repo_fixture  # noqa: F401
from verified_install import VerificationError
from verified_install.canonical_json import canonical_json
from verified_install.roles import format_utc, parse_utc
from verified_install.strict_json import parse_strict_json


def refused(text):
    try:
        parse_strict_json(text, "f.json")
    except VerificationError as e:
        return str(e)
    return None


class StrictJson(unittest.TestCase):
    def test_accepts(self):
        self.assertEqual(parse_strict_json(b'{"a": [1, -2, "x"], "b": null}', "f"), {"a": [1, -2, "x"], "b": None})
        self.assertEqual(parse_strict_json(b"\xef\xbb\xbf{}", "f"), {})  # nlohmann skips a BOM
        self.assertEqual(parse_strict_json(b'"\\ud83d\\ude00"', "f"), "\U0001F600")
        self.assertEqual(parse_strict_json(b"[" * 32 + b"]" * 32, "f"), eval("[" * 31 + "[]" + "]" * 31))

    def test_refusals_name_the_file_and_reason(self):
        self.assertEqual(refused(b'{"a": 1, "a": 1}'),
                         'f.json: duplicate key "a" in one object (expected each key once)')
        self.assertEqual(refused(b"[" * 33 + b"]" * 33), "f.json: nested deeper than 32 levels of arrays and objects")
        self.assertIn("nested deeper", refused(b"[" * 32000))  # no recursion in the parser
        for bad in (b"", b"{} {}", b"NaN", b"[Infinity]", b'"\\ud800"', b'"\\udc00"', b"\xff", b'"\xed\xa0\x80"',
                    b'"a\nb"', b"[1,]", b"{'a': 1}"):
            with self.subTest(bad):
                self.assertTrue(refused(bad), bad)

    def test_strings_do_not_count_as_nesting(self):
        self.assertEqual(parse_strict_json(b'["' + b"[" * 100 + b'"]', "f"), ["[" * 100])

    def test_numbers_as_nlohmann_types_them(self):
        self.assertEqual(parse_strict_json(b"18446744073709551615", "f"), 2**64 - 1)
        self.assertIsInstance(parse_strict_json(b"18446744073709551616", "f"), float)
        self.assertEqual(parse_strict_json(b"-9223372036854775808", "f"), -(2**63))
        self.assertIsInstance(parse_strict_json(b"-9223372036854775809", "f"), float)
        self.assertIsInstance(parse_strict_json(b"1.0", "f"), float)
        self.assertIsInstance(parse_strict_json(b"1" * 5000, "f"), float)


class CanonicalJson(unittest.TestCase):
    def test_form(self):
        self.assertEqual(canonical_json({"b": [1, True, None], "a": "q\"\\\n\u00e9"}),
                         '{"a":"q\\"\\\\\n\u00e9","b":[1,true,null]}'.encode())
        self.assertEqual(canonical_json({"\u00e9": 1, "z": 2, "Z": 3}), '{"Z":3,"z":2,"\u00e9":1}'.encode())

    def test_refusals(self):
        with self.assertRaisesRegex(VerificationError, r"canonical JSON: \.a\[1\] is a floating-point number"):
            canonical_json({"a": [1, 2.0]})
        deep = []
        for _ in range(32):
            deep = [deep]
        with self.assertRaisesRegex(VerificationError, "is nested deeper than 32 levels"):
            canonical_json(deep)


class Dates(unittest.TestCase):
    def test_parse_and_format(self):
        self.assertEqual(parse_utc("1970-01-01T00:00:00Z"), 0)
        self.assertEqual(format_utc(parse_utc("2030-01-31T12:00:00Z")), "2030-01-31T12:00:00Z")
        self.assertEqual(format_utc(parse_utc("2030-02-31T00:00:00Z")), "2030-03-03T00:00:00Z")  # timegm normalizes
        self.assertEqual(parse_utc("2030-1-2T3:4:5Z"), parse_utc("2030-01-02T03:04:05Z"))  # as sscanf %2d reads
        for bad in ("2030-01-31", "2030-13-01T00:00:00Z", "2030-01-32T00:00:00Z", "2030-01-01T24:00:00Z",
                    "2030-01-01T00:00:00Z ", "2030-01-01T00:00:00", "x"):
            with self.subTest(bad), self.assertRaisesRegex(VerificationError, "is not a UTC date"):
                parse_utc(bad)


if __name__ == "__main__":
    unittest.main()
