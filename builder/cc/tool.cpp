#include "cc/tool.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace wb::cc {
namespace {

struct NamedTool {
    std::string_view name;
    Tool tool;
};

// A name that ends with another comes before it, so that suffix matching finds "gcc-ar" before "ar"
// and "clang++" before "g++".
constexpr NamedTool k_names[] = {
    {"clang-cpp", Tool::Cpp},   {"gcc-ranlib", Tool::Ranlib},
    {"clang++", Tool::Cxx},     {"objcopy", Tool::Objcopy},
    {"objdump", Tool::Objdump}, {"readelf", Tool::Readelf},
    {"strings", Tool::Strings}, {"gcc-ar", Tool::Ar},
    {"gcc-nm", Tool::Nm},       {"ranlib", Tool::Ranlib},
    {"clang", Tool::Cc},        {"strip", Tool::Strip},
    {"size", Tool::Size},       {"gcc", Tool::Cc},
    {"g++", Tool::Cxx},         {"c++", Tool::Cxx},
    {"cpp", Tool::Cpp},         {"cc", Tool::Cc},
    {"ar", Tool::Ar},           {"nm", Tool::Nm},
    {"ld", Tool::Ld},
};

/// "gcc-12" -> "gcc", "clang-14.0" -> "clang": drops a trailing "-<digits>[.<digits>]*".
std::string_view strip_version_suffix(std::string_view name) {
    size_t dash = name.rfind('-');
    if (dash == std::string_view::npos || dash + 1 == name.size()) return name;
    std::string_view tail = name.substr(dash + 1);
    bool version = std::isdigit(static_cast<unsigned char>(tail.front())) != 0 &&
                   std::all_of(tail.begin(), tail.end(),
                               [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.'; });
    return version ? name.substr(0, dash) : name;
}

}  // namespace

std::optional<Tool> tool_from_name(std::string_view program_name) {
    size_t slash = program_name.rfind('/');
    std::string_view name = slash == std::string_view::npos ? program_name : program_name.substr(slash + 1);
    name = strip_version_suffix(name);
    for (const auto& entry : k_names) {
        if (name == entry.name) return entry.tool;
    }
    // A target prefix: "x86_64-linux-gnu-gcc", "wasm32-unknown-emscripten-ar".
    for (const auto& entry : k_names) {
        if (name.size() > entry.name.size() + 1 && name.ends_with(entry.name) &&
            name[name.size() - entry.name.size() - 1] == '-') {
            return entry.tool;
        }
    }
    return std::nullopt;
}

std::string_view tool_name(Tool tool) {
    switch (tool) {
        case Tool::Cc:
            return "cc";
        case Tool::Cxx:
            return "c++";
        case Tool::Cpp:
            return "cpp";
        case Tool::Ar:
            return "ar";
        case Tool::Ranlib:
            return "ranlib";
        case Tool::Nm:
            return "nm";
        case Tool::Ld:
            return "ld";
        case Tool::Strip:
            return "strip";
        case Tool::Objcopy:
            return "objcopy";
        case Tool::Objdump:
            return "objdump";
        case Tool::Readelf:
            return "readelf";
        case Tool::Size:
            return "size";
        case Tool::Strings:
            return "strings";
    }
    return "cc";
}

bool is_compiler_driver(Tool tool) { return tool == Tool::Cc || tool == Tool::Cxx || tool == Tool::Cpp; }

const std::vector<std::string>& shim_names() {
    static const std::vector<std::string> names = {
        "cc", "gcc",   "clang",   "c++",     "g++",     "clang++", "cpp",     "ar",     "ranlib", "nm",
        "ld", "strip", "objcopy", "objdump", "readelf", "size",    "strings", "gcc-ar", "gcc-nm", "gcc-ranlib",
    };
    return names;
}

}  // namespace wb::cc
