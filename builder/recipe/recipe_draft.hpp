#pragma once
// A first recipe for a release on the package index (`wasm-build recipe new NAME[==VERSION]`): which
// file to pin (the pure-Python wheel when upstream publishes one, else the sdist), which run
// requirements apply on the platform, and the meta.yaml text. Pure functions over what the index and
// the file's metadata say; the command (builder/cli/recipe_command.cpp) fetches them.
#include <optional>
#include <string>
#include <vector>

#include "fetch/pypi_index.hpp"
#include "specs/marker.hpp"
#include "specs/version.hpp"
#include "util/error.hpp"

namespace wb::recipe {

/// The release file a recipe pins.
struct ReleaseChoice {
    std::string version;      ///< as the file name writes it
    fetch::IndexFile file;
    bool pure_wheel = false;  ///< a py3-none-any wheel, taken as it is; else an sdist, built
    /// The release also has platform wheels: upstream compiles something (speedups behind a pure
    /// fallback, say), which only the sdist builds for wasm32.
    bool platform_wheels_too = false;
};

/// Picks the file for `project` (normalized) at `version`, or at the newest final release when none
/// is given: files yanked or whose Requires-Python excludes `python` do not count; a pure-Python
/// wheel is preferred to the sdist unless prefer_sdist. The error says what the index has instead.
util::Expected<ReleaseChoice> choose_release(const std::vector<fetch::IndexFile>& files, const std::string& project,
                                             const std::optional<std::string>& version, const specs::Version& python,
                                             bool prefer_sdist = false);

/// The projects (normalized, sorted, once each) of Requires-Dist lines that apply, with no extra asked
/// for, in any of `envs` (a recipe's run requirements serve all its platforms); a malformed line is an
/// error naming it.
util::Expected<std::vector<std::string>> run_requirements(const std::vector<std::string>& requires_dist,
                                                          const std::vector<specs::MarkerEnvironment>& envs);

/// What an sdist's file list (paths relative to its root directory) says about the package: its
/// import names (importable packages with an __init__.py, at the root or, when there are none there,
/// under the one code directory: src/, lib/, python/ or py/; else modules there; not tests, docs or
/// setup scripts) and its extension sources (the suffixes found: ".c", ".pyx", ...).
struct SdistLayout {
    std::vector<std::string> top_level;
    std::vector<std::string> native_sources;
};
SdistLayout sdist_layout(const std::vector<std::string>& paths);

/// Everything meta.yaml says.
struct Draft {
    std::string name;  ///< the recipe's (the normalized project name)
    std::string version;
    ReleaseChoice choice;
    std::string sha256;
    std::vector<std::string> top_level;
    std::vector<std::string> requirements;  ///< run requirements
    std::string summary;
    std::string license;
    /// For an sdist: the extension sources found (".c", ".pyx", ...); empty for pure Python.
    std::vector<std::string> native_sources;
};

/// The recipe's meta.yaml (Pyodide's schema with the farm's `source.pypi`).
std::string draft_meta_yaml(const Draft& draft);

}  // namespace wb::recipe
