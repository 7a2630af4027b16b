#pragma once
// A site-packages directory holding a chosen set of wheels, extracted once and shared: its name is
// the hash of the wheels' contents, and it appears only complete (extracted aside, then renamed).
#include <filesystem>
#include <vector>

#include "util/error.hpp"

namespace wb::runtime {

/// overlays: directories copied over the extracted wheels (e.g. a package's test data).
util::Expected<std::filesystem::path> make_site_env(const std::filesystem::path& envs_root,
                                                    const std::vector<std::filesystem::path>& wheels,
                                                    const std::vector<std::filesystem::path>& overlays = {});

/// A directory of links to the pure-Python packages of the build machine's dist-packages (pytest,
/// hypothesis, …) that the wasm interpreter can import to run packages' own tests.
util::Expected<std::filesystem::path> make_test_tools_env(const std::filesystem::path& envs_root,
                                                          const std::filesystem::path& dist_packages);

}  // namespace wb::runtime
