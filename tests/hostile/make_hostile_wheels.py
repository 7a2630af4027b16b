#!/usr/bin/env python3
"""Writes one hostile wheel per case into OUT (`make_hostile_wheels.py OUT [CASE...]`), each an
otherwise valid wheel (METADATA, WHEEL, RECORD that lists every member with its hash) named
`<case>-1.0-py3-none-any.whl`, so that the only thing wrong with it is its case. Prints, per line,
`<wheel file> <member or -> <expected words>`: what a refusal must name."""
import base64
import hashlib
import io
import os
import sys
import warnings
import zipfile


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def wheel_bytes(project, extra_members):
    """A zip of a wheel for project holding extra_members [(name, bytes)] and a matching RECORD."""
    dist = f"{project}-1.0.dist-info"
    members = [(f"{project}/__init__.py", b"VALUE = 1\n")] + list(extra_members)
    members.append((f"{dist}/METADATA", f"Metadata-Version: 2.1\nName: {project}\nVersion: 1.0\n\n".encode()))
    members.append((f"{dist}/WHEEL", b"Wheel-Version: 1.0\nGenerator: hostile\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
    record = "".join(f"{n},{record_hash(d)},{len(d)}\n" for n, d in members) + f"{dist}/RECORD,,\n"
    members.append((f"{dist}/RECORD", record.encode()))
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names; writing one is the point
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
    return out.getvalue()


def by_name(case, member):
    return wheel_bytes(case, [(member, b"EVIL = 1\n")]), member


def cases():
    """case -> (wheel bytes, member the refusal must name, words it must contain)."""
    c = {}
    c["dotdot"] = by_name("dotdot", "../evil.py") + ("'..' component",)
    c["absolute"] = by_name("absolute", "/tmp/evil.py") + ("absolute path",)
    c["nested_dotdot"] = by_name("nested_dotdot", "nested_dotdot/../../evil.py") + ("'..' component",)
    c["backslash"] = by_name("backslash", "..\\evil.py") + ("backslash",)
    dup = wheel_bytes("duplicate", [("duplicate/__init__.py", b"EVIL = 1\n")])
    c["duplicate"] = (dup, "duplicate/__init__.py", "appears twice")
    c["casefold"] = (wheel_bytes("casefold", [("casefold/Foo.py", b"A\n"), ("casefold/foo.py", b"B\n")]),
                     "casefold/foo.py", "only in case")
    for case, member in [("reserved_con", "reserved_con/CON"), ("reserved_nul", "reserved_nul/nul.py"),
                         ("reserved_aux", "reserved_aux/Aux.txt"), ("reserved_com1", "reserved_com1/COM1.py"),
                         ("reserved_lpt9", "reserved_lpt9/lpt9")]:
        c[case] = by_name(case, member) + ("reserved device name",)
    c["trailing_dot"] = by_name("trailing_dot", "trailing_dot/evil.") + ("ending in a dot or space",)
    c["trailing_space"] = by_name("trailing_space", "trailing_space/evil.py ") + ("ending in a dot or space",)
    good = wheel_bytes("appended", [])
    c["appended"] = (good + b"hidden payload after the archive", "-", "no end of central directory record")
    inner = wheel_bytes("gap", [])
    end = inner.rfind(b"PK\x05\x06")
    c["gap"] = (inner[:end] + b"HIDDEN" + inner[end:], "-", "data between them")
    first = wheel_bytes("glued", [("glued/evil.py", b"EVIL = 1\n")])
    second = wheel_bytes("glued", [])
    c["glued"] = (first + second, "-", "another archive in front")
    return c


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    wanted = sys.argv[2:]
    for case, (data, member, words) in cases().items():
        if wanted and case not in wanted:
            continue
        name = f"{case}-1.0-py3-none-any.whl"
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        print(f"{name}\t{member}\t{words}")


if __name__ == "__main__":
    main()
