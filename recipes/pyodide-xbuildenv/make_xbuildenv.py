#!/usr/bin/env python3
"""Make a cross-build environment for building CPython extensions for stock Pyodide.

usage: make_xbuildenv.py PYTHON_STDLIB_ZIP DEBIAN_INCLUDE_DIR OUTPUT_DIR [--platform-tag TAG]

  PYTHON_STDLIB_ZIP   Pyodide's python_stdlib.zip (holds the target's
                      _sysconfigdata__emscripten_wasm32-emscripten.py)
  DEBIAN_INCLUDE_DIR  Debian's libpython3.X-dev headers, e.g. /usr/include/python3.14
                      (Debian's x86_64 pyconfig.h is read from
                      <DEBIAN_INCLUDE_DIR>/../x86_64-linux-gnu/python3.X/pyconfig.h,
                      or from --host-pyconfig)
  OUTPUT_DIR          created; gets
                        include/python3.X/            Debian's headers, pyconfig.h regenerated for wasm32
                        sysconfigdata/_sysconfigdata__emscripten_wasm32-emscripten.py
                        lib/pkgconfig/python-3.X.pc, python3.pc (no libs: extensions link no libpython)
                        env.sh                        variables for the build Python
                        runtime-symbols.txt           every symbol the stock runtime provides to side
                                                      modules (exports of pyodide.asm.wasm + the JS
                                                      functions of pyodide.asm.mjs), if those files
                                                      are beside the zip
                        emscripten-cross.ini          a meson cross file (side-module links checked
                                                      against runtime-symbols.txt)
                        pyconfig-report.txt           what was changed/kept

The pyconfig.h is Debian's x86_64 pyconfig.h used as the list of macros: every
`#define NAME ...` / `/* #undef NAME */` line whose NAME starts with an upper-case letter
(exactly the lines sysconfig's parse_config_h() reads) is rewritten from the target's
sysconfigdata (value 0 -> `/* #undef NAME */`, except HAVE_DECL_* lines that Debian's file
defines: autoconf's AC_CHECK_DECLS defines them to 0 or 1; sysconfigdata can't tell 0 from undefined). Lines whose name starts with '_' or a lower-case letter (the feature
macros _GNU_SOURCE, _FILE_OFFSET_BITS, ... and `const`, `size_t`...) are not in sysconfigdata
and are kept from Debian's file unchanged. Everything else (comments, #if blocks) is kept
verbatim.
"""
import argparse
import io
import os
import pprint
import re
import shutil
import sys
import zipfile

SYSCONFIGDATA = "_sysconfigdata__emscripten_wasm32-emscripten"

# same regexes as CPython's sysconfig.parse_config_h()
DEFINE_RX = re.compile(r"#define ([A-Z][A-Za-z0-9_]+) (.*)\n")
UNDEF_RX = re.compile(r"/[*] #undef ([A-Z][A-Za-z0-9_]+) [*]/\n")
# sysconfig._ALWAYS_STR: kept as strings by parse_config_h
ALWAYS_STR = {"IPHONEOS_DEPLOYMENT_TARGET", "MACOSX_DEPLOYMENT_TARGET"}

# Flags of the target ABI (stock Pyodide 314/315): every compile and link.
ABI_FLAGS = "-fPIC -fwasm-exceptions -sSUPPORT_LONGJMP=wasm"


def load_sysconfigdata(stdlib_zip):
    with zipfile.ZipFile(stdlib_zip) as z:
        src = z.read(SYSCONFIGDATA + ".py").decode()
    ns = {}
    exec(compile(src, SYSCONFIGDATA + ".py", "exec"), ns)
    return ns["build_time_vars"]


def wasm_export_names(path):
    """Names exported by a wasm binary (export section, id 7)."""
    b = open(path, "rb").read()
    if b[:4] != b"\0asm":
        raise ValueError(f"{path}: not wasm")
    p = 8

    def leb():
        nonlocal p
        r = s = 0
        while True:
            c = b[p]
            p += 1
            r |= (c & 0x7F) << s
            s += 7
            if not c & 0x80:
                return r

    names = []
    while p < len(b):
        sid = b[p]
        p += 1
        size = leb()
        end = p + size
        if sid == 7:
            for _ in range(leb()):
                n = leb()
                names.append(b[p:p + n].decode())
                p += n + 1  # kind byte
                leb()       # index
        p = end
    return names


def runtime_symbols(pyodide_dir):
    """Symbols a side module may import from the stock runtime: main-module exports plus the
    JS library functions (keys of `var wasmImports={...}` in pyodide.asm.mjs)."""
    names = set(wasm_export_names(os.path.join(pyodide_dir, "pyodide.asm.wasm")))
    js = open(os.path.join(pyodide_dir, "pyodide.asm.mjs"), encoding="utf-8").read()
    i = js.index("var wasmImports={")
    body = js[i + len("var wasmImports={"):js.index("}", i)]
    names.update(e.split(":")[0].strip() for e in body.split(","))
    names.discard("")
    return sorted(names)


def c_value(v):
    return str(v)


def regenerate_pyconfig(host_pyconfig_text, target_vars):
    out = []
    report = {"changed": [], "same": [], "missing_in_target": [], "kept_underscore": []}
    lines = host_pyconfig_text.splitlines(keepends=True)
    seen = set()
    for line in lines:
        m = DEFINE_RX.match(line)
        u = None if m else UNDEF_RX.match(line)
        if not (m or u):
            mm = re.match(r"\s*#\s*define\s+([_a-z]\w*)|/\* #undef ([_a-z]\w*) \*/", line)
            if mm:
                report["kept_underscore"].append(line.strip())
            out.append(line)
            continue
        name = (m or u).group(1)
        seen.add(name)
        host_val = m.group(2) if m else None
        if name not in target_vars:
            # not configured in the target's CPython (other patch release): leave undefined
            new = f"/* #undef {name} */\n"
            report["missing_in_target"].append(f"{name} (Debian: {host_val!r})")
        else:
            v = target_vars[name]
            # AC_CHECK_DECLS defines HAVE_DECL_* to 0 or 1; sysconfigdata cannot tell 0 from
            # undefined, so keep the define form where Debian's file has it.
            if v == 0 and not (name.startswith("HAVE_DECL_") and m):
                new = f"/* #undef {name} */\n"
            else:
                new = f"#define {name} {c_value(v)}\n"
        if new != line:
            report["changed"].append(f"{line.strip()}  ->  {new.strip()}")
        else:
            report["same"].append(name)
        out.append(new)
    # macros the target has (as parsed from its pyconfig.h) that Debian's list lacks.
    # sysconfigdata mixes Makefile variables and pyconfig.h macros, so only HAVE_*/SIZEOF_*
    # style names are reported, for a human to look at.
    extra = sorted(k for k, v in target_vars.items()
                   if k not in seen and re.match(r"(HAVE_|SIZEOF_|ALIGNOF_|WITH_|Py_|PY_|USE_)", k)
                   and isinstance(v, int))
    report["target_only"] = [f"{k}={target_vars[k]}" for k in extra]
    return "".join(out), report


def adjust_sysconfigdata(v, out_dir, version, link_check_flags=()):
    v = dict(v)
    old_prefix = v["prefix"]
    include = os.path.join(out_dir, "include", f"python{version}")
    # the target's emsdk location (e.g. /root/repo/emsdk/.../upstream/emscripten)
    m = re.match(r"(.*)/emar$", str(v.get("AR", "")))
    old_emsdk = m.group(1) if m else None
    for k, val in list(v.items()):
        if isinstance(val, str):
            if old_prefix and old_prefix in val:
                val = val.replace(old_prefix, out_dir)
            if old_emsdk and old_emsdk in val:
                val = val.replace(old_emsdk, "/usr/share/emscripten")
            v[k] = val
    # CPython 3.15's configure leaves SOABI_PLATFORM quoted ('"wasm32-emscripten"'), and Pyodide
    # 315's own sysconfig keeps it so; setuptools puts it in abi3 file names, which the wheel
    # refuses (a '"' is not a portable name) and the runtime would not import. Its value unquoted is
    # what the runtime's EXTENSION_SUFFIXES list (.abi3-wasm32-emscripten.so).
    soabi_platform = v.get("SOABI_PLATFORM")
    if isinstance(soabi_platform, str) and len(soabi_platform) > 1 and soabi_platform[0] == soabi_platform[-1] == '"':
        v["SOABI_PLATFORM"] = soabi_platform[1:-1]
    lflags = " ".join([ABI_FLAGS, "-O2 -g0", *link_check_flags])
    cflags = v["CFLAGS"]
    if "-fvisibility=hidden" not in cflags:
        cflags = cflags + " -fvisibility=hidden"
    v.update({
        "prefix": out_dir, "exec_prefix": out_dir,
        "INCLUDEPY": include, "CONFINCLUDEPY": include,
        "INCLUDEDIR": os.path.join(out_dir, "include"),
        "CONFINCLUDEDIR": os.path.join(out_dir, "include"),
        "LIBDIR": os.path.join(out_dir, "lib"),
        "LIBPC": os.path.join(out_dir, "lib", "pkgconfig"),
        "CC": "emcc", "CXX": "em++", "AR": "emar", "ARFLAGS": "rcs",
        "RANLIB": "emranlib", "READELF": "true",
        "CFLAGS": cflags,
        "CCSHARED": "-fPIC",
        # side modules: link no system libraries; the runtime (main module) provides them
        "LDSHARED": f"emcc -sSIDE_MODULE=1 {lflags}",
        "LDCXXSHARED": f"em++ -sSIDE_MODULE=1 {lflags}",
        "BLDSHARED": f"emcc -sSIDE_MODULE=1 {lflags}",
        "LDFLAGS": "", "PY_LDFLAGS": "", "CONFIGURE_LDFLAGS": "",
        "LIBPYTHON": "",            # extensions do not link libpython (meson: link_libpython False)
        "Py_ENABLE_SHARED": 0,
    })
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stdlib_zip")
    ap.add_argument("debian_include")
    ap.add_argument("out_dir")
    ap.add_argument("--host-pyconfig", help="Debian's x86_64 pyconfig.h (default: derived)")
    ap.add_argument("--platform-tag", help="_PYTHON_HOST_PLATFORM, e.g. pyemscripten_2026_0_wasm32 "
                    "(default: from pyodide-lock.json beside the zip)")
    a = ap.parse_args()

    out_dir = os.path.abspath(a.out_dir)
    deb_inc = os.path.abspath(a.debian_include)
    version = os.path.basename(deb_inc.rstrip("/")).replace("python", "")  # "3.14"
    if not re.fullmatch(r"3\.\d+", version):
        sys.exit(f"cannot tell the Python version from {deb_inc}")
    host_pyconfig = a.host_pyconfig or os.path.join(
        os.path.dirname(deb_inc), "x86_64-linux-gnu", f"python{version}", "pyconfig.h")

    target = load_sysconfigdata(a.stdlib_zip)
    if target["VERSION"] != version:
        sys.exit(f"version mismatch: target {target['VERSION']}, headers {version}")

    tag = a.platform_tag
    if not tag:
        import json
        lock = os.path.join(os.path.dirname(os.path.abspath(a.stdlib_zip)), "pyodide-lock.json")
        info = json.load(open(lock))["info"]
        tag = f"pyemscripten_{info['abi_version']}_{info['arch']}"

    # The output directory may be a mount point (the build's prefix): empty it, keep it.
    os.makedirs(out_dir, exist_ok=True)
    for entry in os.listdir(out_dir):
        path = os.path.join(out_dir, entry)
        shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
    inc_out = os.path.join(out_dir, "include", f"python{version}")
    shutil.copytree(deb_inc, inc_out, symlinks=False)
    with open(host_pyconfig) as f:
        text, report = regenerate_pyconfig(f.read(), target)
    header = (f"/* pyconfig.h for wasm32-emscripten (Pyodide, Python {target.get('VERSION')}),\n"
              f"   regenerated by make_xbuildenv.py from the target's {SYSCONFIGDATA}.py\n"
              f"   using Debian's x86_64 pyconfig.h as the list of macros. */\n")
    with open(os.path.join(inc_out, "pyconfig.h"), "w") as f:
        f.write(header + text)

    pyodide_dir = os.path.dirname(os.path.abspath(a.stdlib_zip))
    link_check, link_check_flags = "", []
    if os.path.exists(os.path.join(pyodide_dir, "pyodide.asm.wasm")):
        syms = runtime_symbols(pyodide_dir)
        with open(os.path.join(out_dir, "runtime-symbols.txt"), "w") as f:
            f.write("\n".join(syms) + "\n")
        # a side-module link then fails on any symbol the runtime does not provide, so meson's
        # has_function()/links() checks answer for the real runtime, and no extension can be
        # linked with an import the runtime lacks
        link_check_flags = ["-Wl,--unresolved-symbols=report-all",
                            f"-Wl,--allow-undefined-file={out_dir}/runtime-symbols.txt"]
        link_check = "".join(f", '{x}'" for x in link_check_flags)
    else:
        print("warning: no pyodide.asm.wasm beside the zip: no runtime-symbols.txt", file=sys.stderr)
    adj = adjust_sysconfigdata(target, out_dir, version, link_check_flags)
    scd = os.path.join(out_dir, "sysconfigdata")
    os.makedirs(scd)
    with open(os.path.join(scd, SYSCONFIGDATA + ".py"), "w") as f:
        f.write("# system configuration of the wasm32-emscripten target (stock Pyodide),\n"
                "# adjusted by make_xbuildenv.py for cross-building extensions\n")
        f.write("build_time_vars = ")
        pprint.pprint(adj, stream=f, width=100)

    pc = os.path.join(out_dir, "lib", "pkgconfig")
    os.makedirs(pc)
    pcs = (f"prefix={out_dir}\nincludedir=${{prefix}}/include\n\n"
           f"Name: Python\nDescription: Python {version} for wasm32-emscripten (Pyodide)\n"
           f"Version: {version}\nLibs:\nCflags: -I${{includedir}}/python{version}\n")
    for n in (f"python-{version}.pc", "python3.pc"):
        with open(os.path.join(pc, n), "w") as f:
            f.write(pcs)

    with open(os.path.join(out_dir, "env.sh"), "w") as f:
        f.write(f"""# source this before running the build Python (python{version}) for a cross build
export _PYTHON_SYSCONFIGDATA_NAME={SYSCONFIGDATA}
export _PYTHON_HOST_PLATFORM={tag}
export PYTHONPATH={scd}
export CC=emcc CXX=em++ AR=emar RANLIB=emranlib
export PKG_CONFIG_LIBDIR={pc}
""")
    cargs = "['-fPIC', '-fwasm-exceptions', '-sSUPPORT_LONGJMP=wasm', '-fvisibility=hidden', '-O2', '-g0']"
    largs = f"['-fPIC', '-fwasm-exceptions', '-sSUPPORT_LONGJMP=wasm', '-sSIDE_MODULE=1', '-O2', '-g0'{link_check}]"
    with open(os.path.join(out_dir, "emscripten-cross.ini"), "w") as f:
        f.write(f"""# meson cross file for stock Pyodide ({tag}), made by make_xbuildenv.py.
# Every link is a side module (-sSIDE_MODULE=1): no system library is linked, so emcc's
# read-only cache is never written. Nothing is run at configure time (no exe_wrapper);
# meson's sanity check compiles and links only.
[binaries]
c = 'emcc'
cpp = 'em++'
ar = 'emar'
strip = 'emstrip'
pkg-config = 'pkg-config'

[built-in options]
c_args = {cargs}
cpp_args = {cargs}
c_link_args = {largs}
cpp_link_args = {largs}
pkg_config_path = '{pc}'

[properties]
needs_exe_wrapper = true

[host_machine]
system = 'emscripten'
cpu_family = 'wasm32'
cpu = 'wasm32'
endian = 'little'
""")
    with open(os.path.join(out_dir, "pyconfig-report.txt"), "w") as f:
        for k in ("changed", "missing_in_target", "target_only", "kept_underscore"):
            f.write(f"== {k} ({len(report[k])})\n")
            for x in report[k]:
                f.write(f"  {x}\n")
        f.write(f"== unchanged ({len(report['same'])})\n")
    print(f"{out_dir}: python{version}, tag {tag}, EXT_SUFFIX {adj['EXT_SUFFIX']}, "
          f"{len(report['changed'])} macros changed, {len(report['missing_in_target'])} not in target")


if __name__ == "__main__":
    main()
