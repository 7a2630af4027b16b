#include "engine/build_result.hpp"

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

const char* outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::Built: return "built";
        case Outcome::Cached: return "cached";
        case Outcome::Failed: return "failed";
        case Outcome::Skipped: return "skipped";
    }
    return "?";
}

nlohmann::json BuildResult::to_json() const {
    return {{"name", name},         {"version", version},     {"type", type},
            {"outcome", outcome_name(outcome)}, {"seconds", seconds}, {"build_seconds", build_seconds},
            {"key", key},           {"inputs", inputs.to_json()}, {"dir", dir.string()},
            {"wheel", wheel.string()}, {"wheel_size", wheel_size}, {"log", log.string()},
            {"failed_step", failed_step}, {"error", error}, {"reasons", reasons}};
}

util::Expected<BuildResult> BuildResult::from_json(const nlohmann::json& j) {
    try {
        BuildResult r;
        r.name = j.at("name").get<std::string>();
        r.version = j.at("version").get<std::string>();
        r.type = j.value("type", "");
        r.build_seconds = j.value("build_seconds", 0.0);
        r.key = j.at("key").get<std::string>();
        r.inputs = KeyInputs::from_json(j.value("inputs", nlohmann::json::object()));
        r.dir = j.value("dir", "");
        r.wheel = j.value("wheel", "");
        r.wheel_size = j.value("wheel_size", uint64_t{0});
        r.log = j.value("log", "");
        return r;
    } catch (const nlohmann::json::exception& e) {
        return util::fail(util::ErrorKind::Io, fmt::format("malformed build record: {}", e.what()));
    }
}

util::Expected<BuildResult> read_result(const fs::path& dir) {
    auto text = util::read_file(dir / "result.json");
    if (!text) return tl::unexpected(text.error());
    try {
        auto r = BuildResult::from_json(nlohmann::json::parse(*text));
        if (r) r->dir = dir;
        return r;
    } catch (const nlohmann::json::exception& e) {
        return util::fail(util::ErrorKind::Io, fmt::format("{}: {}", (dir / "result.json").string(), e.what()));
    }
}

util::Expected<void> write_result(const BuildResult& result) {
    return util::write_file_atomic(result.dir / "result.json", result.to_json().dump(2) + "\n");
}

}  // namespace wb::engine
