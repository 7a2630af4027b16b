#pragma once
// The ABI check of a whole wheel: every shared library in it (members matching `\.so(\.\d+)*$`, as
// Pyodide's package loader picks them) is checked against the runtime, with what its dylink.0
// NEEDED libraries export counted as provided.
//
// Pyodide 314 loads each library of a wheel with dlopen(RTLD_NOW | RTLD_LOCAL): a library's
// exports reach another library only when that one lists it as NEEDED (it is then loaded into
// the same local scope), and the loader finds a NEEDED library through the needing library's
// runtime paths (`-Wl,-rpath,$ORIGIN/...`). Measured: a module calling a function of a library
// loaded before it, without NEEDED, fails at the call ("cannot resolve symbol"); with NEEDED but
// no rpath the load fails ("Failed to find dynamic library"); with both it works.
#include <filesystem>
#include <vector>

#include "abi/check_report.hpp"
#include "abi/runtime_abi.hpp"
#include "util/error.hpp"

namespace wb::abi {

/// Checks every shared library of the wheel. shared_libraries: libraries the wheel's modules may
/// need that live outside it (declared shared-library packages): .so files, or wheels whose .so
/// members all count; they are assumed to be on the loader's search path. A wheel or library
/// that cannot be read is an error; a member that is not a valid module is a problem in the report.
util::Expected<CheckReport> check_wheel(const std::filesystem::path& wheel, const RuntimeAbi& abi,
                                        const std::vector<std::filesystem::path>& shared_libraries = {});

}  // namespace wb::abi
