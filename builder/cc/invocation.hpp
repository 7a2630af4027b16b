#pragma once
// What a compiler-driver call asks for: compile only (-c, -S, -E, -M…), a link (shared or executable),
// or a query (--version, -dumpmachine, -print-…); in which language; with which inputs and output.
#include <optional>
#include <string>
#include <vector>

#include "cc/driver_args.hpp"

namespace wb::cc {

enum class Mode {
    Compile,  ///< stops before linking: -c, -S, -E, -M, -MM, -fsyntax-only
    Link,     ///< has inputs and links them
    Query,    ///< no inputs: --version, -dumpmachine, -print-search-dirs, -v…
};

enum class LinkKind { Executable, Shared, Relocatable };

struct Invocation {
    Mode mode = Mode::Link;
    LinkKind link_kind = LinkKind::Executable;
    bool cxx = false;             ///< C++: c++ driver, -x c++, or a C++ source
    bool has_visibility = false;  ///< the user chose -fvisibility=…
    bool has_sources = false;     ///< an input is a source file (compiled as part of a link)
    bool preprocess_only = false; ///< -E, -M or -MM: no object is made
    /// Why emcc itself must see this call (an emcc-only option, a flag emcc rewrites for clang, an
    /// assembly-only compile); empty if not. Emscripten settings are judged with the configuration's
    /// ABI flags (abi_flags.hpp).
    std::string needs_emcc;
    std::optional<std::string> output;
    std::vector<std::string> operands;

    /// cxx_driver: the call came as c++/g++/clang++.
    static Invocation classify(bool cxx_driver, const std::vector<DriverArg>& args);
};

/// An Emscripten setting: -sNAME=value or -s NAME=value.
bool is_setting(const DriverArg& arg);
/// -sSIDE_MODULE=1: a side-module link is ours; on a compile it changes emcc's clang flags only
/// where wasm-cc's own defaults (-fPIC, a -fvisibility) do not already say the same (the probe checks).
bool is_side_module_setting(const DriverArg& arg);

/// A file name's suffix says it is a source file the driver compiles (.c, .cpp, .S, …).
bool is_source_file(const std::string& path);
/// … a C++ source or header.
bool is_cxx_source_file(const std::string& path);
/// An output name that makes a shared library: "x.so", "libx.so.1.2".
bool is_shared_library_name(const std::string& path);

}  // namespace wb::cc
