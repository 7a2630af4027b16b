#pragma once
// The ABI check a package's wheels pass before they count as built: every side module against
// the platform's stock runtime (its exports and JavaScript functions, read from the npm package
// once and kept beside it as JSON). A failure names the platform, the wheel, the module and the
// imports at fault; warnings go to the log.
#include <filesystem>
#include <string>
#include <vector>

#include "abi/runtime_abi.hpp"
#include "util/error.hpp"

namespace wb::engine {

/// The runtime's ABI, from <npm dir>/../abi.json when present, else read from the package and kept.
util::Expected<abi::RuntimeAbi> runtime_abi(const std::filesystem::path& npm_package_dir);

/// Checks each wheel (or shared-library zip), with the others and the shared-library packages it
/// depends on as declared libraries; returns the rendered warnings (empty when none), or an error
/// with the report.
util::Expected<std::string> check_wheels(const std::vector<std::filesystem::path>& wheels, const abi::RuntimeAbi& abi,
                                         const std::string& platform,
                                         const std::vector<std::filesystem::path>& shared_libraries = {});

}  // namespace wb::engine
