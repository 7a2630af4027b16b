#pragma once
// The outcome of one node in a run (built, cached, failed, skipped) and the record a finished
// build leaves in its cache directory (result.json, written last: no result.json, no build).
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/build_key.hpp"
#include "util/error.hpp"

namespace wb::engine {

enum class Outcome { Built, Cached, Failed, Skipped };
const char* outcome_name(Outcome outcome);

struct BuildResult {
    std::string name;
    std::string version;
    std::string type;                ///< build type name
    Outcome outcome = Outcome::Skipped;
    double seconds = 0;              ///< this run's time (0 when cached)
    double build_seconds = 0;        ///< the time the cached build took when it was made
    std::string key;
    KeyInputs inputs;
    std::filesystem::path dir;       ///< the finished build's cache directory
    std::filesystem::path wheel;     ///< for packages
    uint64_t wheel_size = 0;
    std::filesystem::path log;
    std::string failed_step;
    std::string error;               ///< what went wrong (failure) or which dependency failed (skip)
    std::vector<std::string> reasons;  ///< why it was (re)built

    std::filesystem::path prefix() const { return dir / "prefix"; }
    nlohmann::json to_json() const;
    static util::Expected<BuildResult> from_json(const nlohmann::json& j);
};

/// Reads dir/result.json, if the build there finished.
util::Expected<BuildResult> read_result(const std::filesystem::path& dir);
util::Expected<void> write_result(const BuildResult& result);

}  // namespace wb::engine
