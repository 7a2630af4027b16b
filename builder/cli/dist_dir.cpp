#include "cli/dist_dir.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "recipe/recipe_set.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

util::Expected<fs::path> collect_dist(Session& session, const graph::BuildGraph& graph,
                                      const engine::RunSummary& summary, const std::string& out_dir) {
    const auto& ctx = session.context();
    fs::path dist = out_dir.empty() ? ctx.project_dir / "dist" : fs::absolute(out_dir);
    std::error_code ec;
    fs::create_directories(dist, ec);
    nlohmann::json packages = nlohmann::json::object();
    if (auto old = util::read_file(dist / "packages.json")) {
        try { packages = nlohmann::json::parse(*old); } catch (...) { packages = nlohmann::json::object(); }
    }
    for (size_t i = 0; i < graph.size(); ++i) {
        const auto& r = summary.results[i];
        const auto& recipe = *graph.node(i).recipe;
        if (r.wheel.empty() || (r.outcome != engine::Outcome::Built && r.outcome != engine::Outcome::Cached)) continue;
        fs::path target = dist / r.wheel.filename();
        fs::path temp = dist / (r.wheel.filename().string() + ".tmp");
        fs::copy_file(r.wheel, temp, fs::copy_options::overwrite_existing, ec);
        if (ec) return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot copy to {}: {}", r.wheel.string(),
                                                                   dist.string(), ec.message()));
        if (auto c = util::commit_rename(temp, target); !c) return tl::unexpected(c.error());
        std::vector<std::string> depends;
        for (const auto& req : recipe.run_requirements) depends.push_back(recipe::requirement_name(req));
        packages[recipe.name] = {{"name", recipe.name},       {"version", recipe.version},
                                 {"file_name", target.filename().string()},
                                 {"imports", recipe.top_level.empty() ? std::vector<std::string>{recipe.name}
                                                                      : recipe.top_level},
                                 {"depends", depends},        {"package_type", "package"},
                                 {"install_dir", "site"},     {"shared_library", false},
                                 {"unvendored_tests", false}};
        if (summary.results[i].outcome == engine::Outcome::Built) {
            fmt::print(stderr, "Wheel: {}\n", target.string());
        }
    }
    if (auto w = util::write_file_atomic(dist / "packages.json", packages.dump(2) + "\n"); !w) return tl::unexpected(w.error());
    return dist;
}

}  // namespace wb::cli
