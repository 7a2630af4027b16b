#pragma once
// Which paths belong to the build machine rather than the wasm32 target: its system headers and
// libraries (/usr/include, /usr/lib/x86_64-linux-gnu, …) and its Python's headers. Host paths must not
// reach a cross compile; the toolchain's own directories are exempt even when they live under /usr/lib.
#include <string>
#include <string_view>
#include <vector>

namespace wb::cc {

class HostPaths {
public:
    HostPaths() = default;
    /// toolchain_dirs: never host (the Emscripten sysroot and install directory).
    explicit HostPaths(std::vector<std::string> toolchain_dirs);

    /// A host header or library directory, or anything below one.
    bool is_host_dir(std::string_view path) const;
    /// A host directory holding Python's headers (…/python3.11, …/python3.11d).
    bool is_python_include(std::string_view path) const;
    /// An input file that is a host library or object (/usr/lib/x86_64-linux-gnu/libz.so, crt1.o).
    bool is_host_library_file(std::string_view path) const;

private:
    std::vector<std::string> m_toolchain_dirs;
};

/// "/usr//include/../lib/" -> "/usr/lib": lexical normal form without a trailing slash.
std::string normalize_path(std::string_view path);

}  // namespace wb::cc
