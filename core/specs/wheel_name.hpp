#pragma once
// Wheel file names (PEP 427: name-version[-build]-python-abi-platform.whl), their compatibility
// tags, and the two project-name spellings: PEP 503 normalized (index URLs) and wheel-escaped.
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::specs {

using util::Expected;

/// PEP 503 normalized project name: lowercase, every run of '-', '_', '.' becomes one '-'.
std::string normalize_name(std::string_view name);

/// A file-name component as PEP 427 writes it: every run of '-', '_', '.' becomes one '_'.
std::string wheel_escape(std::string_view component);

/// True for a valid PEP 508 project name (letters, digits, '-', '_', '.', alphanumeric at both ends).
bool is_valid_project_name(std::string_view name);

/// A compatibility tag triple; each part may be a '.'-joined set ("py2.py3").
struct WheelTag {
    std::string python;
    std::string abi;
    std::string platform;

    /// Parses "python-abi-platform" ("cp311-cp311-emscripten_3_1_6_wasm32").
    static Expected<WheelTag> parse(std::string_view text);
    std::string str() const;
    /// Expands compressed tag sets: "py2.py3-none-any" -> py2-none-any, py3-none-any.
    std::vector<WheelTag> expand() const;
    bool operator==(const WheelTag&) const = default;

    /// The tag of this farm's compiled extensions: cp311-cp311-emscripten_3_1_6_wasm32.
    static WheelTag emscripten_extension();
    /// The tag of pure-Python wheels: py3-none-any.
    static WheelTag pure_python();
};

struct WheelName {
    std::string distribution;  ///< as written in the file name (escaped)
    std::string version;       ///< as written in the file name
    std::string build_tag;     ///< empty when absent; otherwise starts with a digit
    std::string python_tag;
    std::string abi_tag;
    std::string platform_tag;

    /// Parses a wheel file name (a bare name, not a path); the version must be PEP 440.
    static Expected<WheelName> parse(std::string_view filename);
    /// The name for a project, version and tag, escaped as PEP 427 requires.
    static WheelName make(std::string_view project, std::string_view version, const WheelTag& tag);

    /// The file name, with distribution and version escaped ("my-pkg" -> "my_pkg").
    std::string filename() const;
    WheelTag tag() const { return WheelTag{python_tag, abi_tag, platform_tag}; }
    /// The PEP 503 normalized project name ("Pillow" -> "pillow").
    std::string project() const { return normalize_name(distribution); }
    bool operator==(const WheelName&) const = default;
};

}  // namespace wb::specs
