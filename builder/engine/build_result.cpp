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
        case Outcome::WouldBuild: return "would-build";
    }
    return "?";
}

nlohmann::json BuildResult::to_json() const {
    nlohmann::json products = nlohmann::json::array();
    for (const auto& w : wheels) products.push_back({{"path", w.path}, {"sha256", w.sha256}, {"size", w.size}});
    return {{"name", name},       {"version", version},         {"type", type},
            {"variant", variant}, {"outcome", outcome_name(outcome)}, {"seconds", seconds},
            {"build_seconds", build_seconds}, {"key", key}, {"inputs", inputs.to_json()},
            {"dir", dir.string()}, {"wheels", products},        {"log", log.string()},
            {"failed_step", failed_step}, {"error", error},     {"reasons", reasons}};
}

util::Expected<BuildResult> BuildResult::from_json(const nlohmann::json& j) {
    try {
        BuildResult r;
        r.name = j.at("name").get<std::string>();
        r.version = j.at("version").get<std::string>();
        r.type = j.value("type", "");
        r.variant = j.value("variant", "");
        r.build_seconds = j.value("build_seconds", 0.0);
        r.key = j.at("key").get<std::string>();
        r.inputs = KeyInputs::from_json(j.value("inputs", nlohmann::json::object()));
        for (const auto& w : j.value("wheels", nlohmann::json::array())) {
            r.wheels.push_back(Product{w.at("path").get<std::string>(), w.at("sha256").get<std::string>(),
                                       w.at("size").get<uint64_t>()});
        }
        r.log = j.value("log", "");
        return r;
    } catch (const nlohmann::json::exception& e) {
        return util::fail(util::ErrorKind::Io, fmt::format("malformed build record: {}", e.what()));
    }
}

util::Expected<BuildResult> read_result(const fs::path& dir) {
    auto text = util::read_file(dir / "result.json");
    if (!text) return tl::unexpected(text.error());
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded()) return util::fail(util::ErrorKind::Io, fmt::format("{}: not JSON", (dir / "result.json").string()));
    auto r = BuildResult::from_json(j);
    if (!r) return util::fail(r.error().kind, fmt::format("{}: {}", (dir / "result.json").string(), r.error().message));
    r->dir = dir;
    return r;
}

util::Expected<void> write_result(const BuildResult& result) {
    BuildResult stored = result;
    stored.outcome = Outcome::Built;
    return util::write_file_atomic(result.dir / "result.json", stored.to_json().dump(2) + "\n");
}

}  // namespace wb::engine
