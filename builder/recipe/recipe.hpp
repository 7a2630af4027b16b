#pragma once
// A recipe: the parsed, validated form of recipes/NAME/meta.yaml. The schema is Pyodide's meta.yaml
// (package, source, build, requirements, test, about) plus clean extensions for this farm: Debian
// source packages, the `cross_env` build type, and expected test failures with their reasons.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace wb::recipe {

/// package: a Python package (a wheel); static_library / shared_library: C libraries; cross_env:
/// the cross-build environment of a platform's Python (headers, sysconfig), built per platform.
enum class BuildType { Package, StaticLibrary, SharedLibrary, CrossEnv };

const char* build_type_name(BuildType type);

/// Where the source comes from. Exactly one of url / pypi / debian / path.
struct SourceSpec {
    std::vector<std::string> urls;  ///< `url` then `mirrors`, tried in order
    std::string pypi_project;       ///< `pypi: {project, file}`: a file of a release on the Python
    std::string pypi_file;          ///< package index pip uses, found through its PEP 691 API
    std::string debian_package;     ///< `debian: {package, version, file}`
    std::string debian_version;
    std::string debian_file;
    std::string path;               ///< local directory or file, relative to the recipe
    std::string sha256;
    std::vector<std::string> patches;  ///< relative to the recipe dir or project root
    std::vector<std::pair<std::string, std::string>> extras;  ///< (file, destination in the tree)
    /// `extract_dir`: the archive's directory that holds the source (Pyodide's key); empty: the
    /// archive's single top-level directory, or the archive's top when there are several.
    std::string extract_dir;
    /// `unpack: {max-entries, max-mib, max-ratio}`: this source's own bounds on unpacking (0: the
    /// default). They only decide whether an archive is refused, so they are not part of the key.
    int unpack_max_entries = 0;
    int unpack_max_mib = 0;
    int unpack_max_ratio = 0;
    bool has_source() const {
        return !urls.empty() || !pypi_file.empty() || !debian_package.empty() || !path.empty();
    }
};

struct ExpectedFailure {
    std::string test;    ///< pytest node id or prefix
    std::string reason;  ///< why it cannot pass in this runtime
};

/// `test:` — import checks, a smoke script, and the package's own test suite run in the runtime.
struct TestSpec {
    std::vector<std::string> imports;
    std::string script;                   ///< Python code run in the runtime (smoke test)
    std::vector<std::string> suite_args;  ///< pytest arguments; empty: no own-test run
    std::vector<std::string> suite_requires;  ///< recipes the suite needs installed (pytest, hypothesis…)
    std::vector<std::string> suite_files;     ///< source-tree paths the suite reads (kept with the build)
    std::string suite_script;  ///< a Python file of the recipe run instead of pytest (same summary lines)
    int min_passed = 0;                   ///< the bar: at least this many own tests pass
    std::vector<ExpectedFailure> expected_failures;
    std::string expected_failures_file;  ///< or a YAML file of them, relative to the recipe
};

/// Parses a YAML list of {test, reason} entries (a recipe's expected-failures file).
util::Expected<std::vector<ExpectedFailure>> parse_expected_failures(const std::string& text,
                                                                     const std::filesystem::path& file);

struct Recipe {
    // package:
    std::string name;
    std::string version;
    std::vector<std::string> top_level;
    std::vector<std::string> tags;  ///< `tag` (or `_tag`): labels, e.g. always, min-scipy-stack
    bool pinned = false;            ///< `pinned`: `recipe update` leaves this version alone
    // source:
    SourceSpec source;
    // build:
    BuildType type = BuildType::Package;
    std::string script;
    std::string cflags, cxxflags, ldflags, backend_flags;
    std::string exports = "pyinit";
    bool unvendor_tests = true;  ///< `build.unvendor-tests`: tests go into a separate NAME-tests wheel
    std::map<std::string, std::string> env;  ///< extension: variables for the build
    /// `post`: shell commands run inside the built wheel's unpacked directory before it is repacked
    /// (as Pyodide runs them; $PKGDIR is the recipe folder), in the build sandbox.
    std::string post;
    /// `cross-build-env` / `cross-build-files` (Pyodide's): the package's files that packages built
    /// against it read. Every package's wheel is visible to such builds (engine/host_packages.hpp), so
    /// this only asserts: each file named must be in the built wheel.
    bool cross_build_env = false;
    std::vector<std::string> cross_build_files;
    // requirements:
    std::vector<std::string> host_requirements;
    std::vector<std::string> run_requirements;
    std::vector<std::string> executable_requirements;
    TestSpec test;
    // about:
    std::string summary, home, license;
    // extra:
    std::vector<std::string> maintainers;  ///< `extra.recipe-maintainers`

    /// file:line:column of each requirement, keyed "host:NAME", "run:NAME", "executable:NAME".
    std::map<std::string, std::string> locations;

    std::filesystem::path file;  ///< the meta.yaml this came from
    std::filesystem::path dir() const { return file.parent_path(); }

    /// Parses meta.yaml text. `file` is used in messages (file:line:column) and must be
    /// recipes/NAME/meta.yaml: the name must match the folder.
    static util::Expected<Recipe> parse(const std::string& text, const std::filesystem::path& file);

    /// A canonical, stable text of every field that can change a build's output (for cache keys).
    std::string canonical() const;
};

}  // namespace wb::recipe
