#pragma once
// The tools wasm-cc stands in for. Build systems call `cc`, `x86_64-linux-gnu-gcc-12`, `ar`… and the
// shim's own file name (argv[0]) says which tool it must behave as.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wb::cc {

enum class Tool {
    Cc,   ///< C compiler driver: cc, gcc, clang
    Cxx,  ///< C++ compiler driver: c++, g++, clang++
    Cpp,  ///< the C preprocessor: cpp
    Ar,
    Ranlib,
    Nm,
    Ld,
    Strip,
    Objcopy,
    Objdump,
    Readelf,
    Size,
    Strings,
};

/// The tool a program name stands for. Accepts target prefixes and version suffixes
/// ("x86_64-linux-gnu-gcc-12" is Cc, "gcc-ar" is Ar); nullopt for an unknown name.
std::optional<Tool> tool_from_name(std::string_view program_name);

/// The canonical name ("cc", "ar", …), also the key of the tool's path in the configuration.
std::string_view tool_name(Tool tool);

/// True for the three compiler drivers (cc, c++, cpp).
bool is_compiler_driver(Tool tool);

/// Every name `wasm-cc --install-shims` links, in a stable order.
const std::vector<std::string>& shim_names();

}  // namespace wb::cc
