#include "cli/dist_dir.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/build_cache.hpp"
#include "recipe/recipe_set.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

namespace {

/// A node's entry in packages.json (the lock file's fields): depends are its run dependencies in
/// the graph (run requirements and the shared libraries it links against).
nlohmann::json lock_fields(const graph::BuildGraph& graph, size_t i, const std::string& file, bool tests_wheel) {
    const recipe::Recipe& recipe = *graph.node(i).recipe;
    std::vector<std::string> depends;
    for (size_t d : graph.node(i).run_deps) depends.push_back(graph.node(d).recipe->name);
    if (tests_wheel) depends = {recipe.name};
    if (recipe.type == recipe::BuildType::SharedLibrary) {
        return {{"name", recipe.name}, {"version", recipe.version}, {"file_name", file},
                {"imports", nlohmann::json::array()}, {"depends", depends}, {"package_type", "shared_library"},
                {"install_dir", "dynlib"}, {"shared_library", true}, {"unvendored_tests", false}};
    }
    std::vector<std::string> imports = recipe.top_level.empty() ? std::vector<std::string>{recipe.name}
                                                                : recipe.top_level;
    return {{"name", tests_wheel ? recipe.name + "-tests" : recipe.name}, {"version", recipe.version},
            {"file_name", file}, {"imports", tests_wheel ? std::vector<std::string>{} : imports},
            {"depends", depends}, {"package_type", "package"}, {"install_dir", "site"},
            {"shared_library", false}, {"unvendored_tests", !tests_wheel && recipe.unvendor_tests}};
}

util::Expected<void> copy_checked(const engine::BuildResult& r, const engine::Product& p, const fs::path& dir) {
    if (auto v = engine::verify_products(r); !v) return v;
    fs::path from = r.dir / p.path;
    fs::path target = dir / from.filename();
    fs::path temp = dir / (from.filename().string() + ".tmp");
    std::error_code ec;
    fs::copy_file(from, temp, fs::copy_options::overwrite_existing, ec);
    if (ec) return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot copy to {}: {}", from.string(),
                                                               dir.string(), ec.message()));
    return util::commit_rename(temp, target);
}

}  // namespace

util::Expected<fs::path> collect_dist(Session& session, const graph::BuildGraph& graph,
                                      const engine::RunSummary& summary, const std::string& out_dir) {
    fs::path dist = out_dir.empty() ? session.context().project_dir / "dist" : fs::absolute(out_dir);
    std::map<std::string, nlohmann::json> packages;  // by platform
    for (size_t i = 0; i < graph.size(); ++i) {
        const auto& r = summary.results[i];
        const auto& node = graph.node(i);
        if (r.wheels.empty() || !r.ok()) continue;
        for (const platform::Platform* p : node.platforms) {
            fs::path dir = dist / p->name;
            std::error_code ec;
            fs::create_directories(dir, ec);
            if (!packages.count(p->name)) {
                packages[p->name] = nlohmann::json::object();
                if (auto old = util::read_file(dir / "packages.json")) {
                    auto j = nlohmann::json::parse(*old, nullptr, false);
                    if (j.is_object()) packages[p->name] = j;
                }
            }
            for (size_t w = 0; w < r.wheels.size(); ++w) {
                if (auto c = copy_checked(r, r.wheels[w], dir); !c) return tl::unexpected(c.error());
                std::string file = fs::path(r.wheels[w].path).filename().string();
                packages[p->name][w == 0 ? node.recipe->name : node.recipe->name + "-tests"] =
                    lock_fields(graph, i, file, w > 0);
                if (r.outcome == engine::Outcome::Built) fmt::print(stderr, "Wheel: {}\n", (dir / file).string());
            }
        }
    }
    for (const auto& [platform, json] : packages) {
        if (auto w = util::write_file_atomic(dist / platform / "packages.json", json.dump(2) + "\n"); !w) {
            return tl::unexpected(w.error());
        }
    }
    return dist;
}

}  // namespace wb::cli
