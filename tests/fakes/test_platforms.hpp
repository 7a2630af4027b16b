#pragma once
// Platforms and toolchain specs as values for tests (no files): a platform named, versioned and
// flagged as the test needs, a toolchain spec with a lock (an identity) unless it is made unlocked.
#include <string>
#include <vector>

#include "platform/platform.hpp"
#include "util/hash.hpp"

namespace wb::fakes {

/// A platform "name" for Python `python` (major.minor) built with toolchain `toolchain`; its tag is
/// made from the name, its file hash from name and version (as if each had its own file).
inline platform::Platform make_platform(const std::string& name, const std::string& python,
                                        const std::string& toolchain = "tc") {
    platform::Platform p;
    p.name = name;
    p.tag = "pyemscripten_" + name + "_wasm32";
    p.python_version = python;
    p.build_python = "/usr/bin/python" + python;
    p.cross_env = "xenv";
    p.toolchain = toolchain;
    p.cflags = {"-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm"};
    p.ldflags = {"-fwasm-exceptions", "-sSUPPORT_LONGJMP=wasm", "-sSIDE_MODULE=1"};
    p.runtime = {"pyodide", "1.0.0", "sha512-" + std::string(86, 'A') + "==", python + ".1", "5.0.3"};
    p.file = "platforms/" + name + ".yaml";
    p.file_sha256 = util::sha256_hex(name + "\n" + python + "\n");
    return p;
}

}  // namespace wb::fakes
