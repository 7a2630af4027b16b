#pragma once
// Packages as host requirements (numpy for pyerfa or pandas; cppy or setuptools-scm for a build
// backend): the build sees each one's wheel unpacked at /opt/wb/NAME and on the build Python's
// PYTHONPATH. A pure package imports as it is. A package with extension modules cannot be imported by
// the build machine's Python (they are wasm32); for each of its top-level packages holding extension
// modules a view is written instead, imported first: it names the package's version and its
// include directory (get_include(), numpy's API that builds call), and keeps the real directory as
// its __path__ so pure submodules still import. Its headers and pkg-config files are the wasm32
// ones, which is what Pyodide's cross-build environment achieves by copying them over a native copy.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/build_result.hpp"
#include "util/error.hpp"

namespace wb::engine {

struct HostPackage {
    std::string name;                             ///< the recipe's name (mounted at /opt/wb/NAME)
    std::filesystem::path tree;                   ///< the unpacked wheel (host path)
    std::vector<std::string> pkgconfig_dirs;      ///< relative to tree: directories of *.pc files
};

struct HostPackages {
    std::vector<HostPackage> packages;
    std::filesystem::path views;                  ///< generated views (host path); empty when none
};

/// Unpacks the main wheel of every package among deps into dir/NAME and writes the views of the
/// compiled ones into dir/.views (the in-sandbox location of tree NAME being inside_of(NAME)).
util::Expected<HostPackages> prepare_host_packages(const std::vector<const BuildResult*>& deps,
                                                   const std::filesystem::path& dir,
                                                   std::string (*inside_of)(const std::string&));

/// The view module of one compiled top-level package (see above): `at` is where its directory is
/// seen in the sandbox, include the include directory's path relative to it (empty: none).
std::string host_package_view(const std::string& top_level, const std::string& at, const std::string& version,
                              const std::string& include);

}  // namespace wb::engine
