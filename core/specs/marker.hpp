#pragma once
// PEP 508 environment markers ("python_version >= '3.12' and sys_platform != 'win32'"), evaluated
// for a target rather than for the machine running us: which of a release's requirements apply on
// a platform (Pyodide: sys_platform "emscripten", platform_machine "wasm32").
#include <map>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace wb::specs {

/// The marker variables of one target (python_version, sys_platform, ...). `extra` is empty unless
/// an extra is asked for.
struct MarkerEnvironment {
    std::map<std::string, std::string, std::less<>> values;

    /// A CPython of this version ("3.14") on Emscripten/wasm32, as Pyodide reports itself.
    static MarkerEnvironment emscripten(std::string_view python_version);
};

/// Evaluates a marker; a malformed marker or an unknown variable is an Input error naming the text.
/// Comparisons of versions follow PEP 440 when both sides are versions, else compare as strings.
util::Expected<bool> evaluate_marker(std::string_view marker, const MarkerEnvironment& env);

}  // namespace wb::specs
