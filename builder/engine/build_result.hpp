#pragma once
// The outcome of one node in a run (built, cached, failed, skipped, or would build in a dry run)
// and the record a finished build leaves in its cache directory (result.json, written last: no
// result.json, no build). Paths inside the record are relative to its directory.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/build_key.hpp"
#include "util/error.hpp"

namespace wb::engine {

enum class Outcome { Built, Cached, Failed, Skipped, WouldBuild };
const char* outcome_name(Outcome outcome);

/// A file a build produced, with the hash it is checked against whenever it leaves the cache.
struct Product {
    std::string path;   ///< relative to the build directory ("dist/numpy-2.4.6-….whl")
    std::string sha256;
    uint64_t size = 0;
};

struct BuildResult {
    std::string name;
    std::string version;
    std::string type;                ///< build type name
    std::string variant;             ///< the platform's name, or "shared-<flavor>" for shared nodes
    Outcome outcome = Outcome::Skipped;
    double seconds = 0;              ///< this run's time (0 when cached)
    double build_seconds = 0;        ///< the time the cached build took when it was made
    std::string key;
    KeyInputs inputs;
    std::filesystem::path dir;       ///< the finished build's cache directory
    std::vector<Product> wheels;     ///< packages: the wheel, then its -tests wheel if any
    std::filesystem::path log;
    std::string failed_step;
    std::string error;               ///< what went wrong (failure) or which dependency failed (skip)
    std::vector<std::string> reasons;  ///< why it was (re)built

    bool ok() const { return outcome == Outcome::Built || outcome == Outcome::Cached; }
    std::filesystem::path prefix() const { return dir / "prefix"; }
    /// The package's own wheel (absolute), empty when it has none.
    std::filesystem::path wheel() const { return wheels.empty() ? std::filesystem::path() : dir / wheels[0].path; }
    nlohmann::json to_json() const;
    static util::Expected<BuildResult> from_json(const nlohmann::json& j);
};

/// Reads dir/result.json, if the build there finished.
util::Expected<BuildResult> read_result(const std::filesystem::path& dir);
util::Expected<void> write_result(const BuildResult& result);

}  // namespace wb::engine
