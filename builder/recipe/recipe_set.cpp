#include "recipe/recipe_set.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "specs/requirement.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::recipe {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;

std::string requirement_name(const std::string& requirement) {
    auto parsed = specs::Requirement::parse(requirement);
    return parsed ? parsed->name : std::string(util::trim(requirement));
}

Expected<RecipeSet> RecipeSet::load(const fs::path& project_dir) {
    fs::path dir = project_dir / "recipes";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return util::fail(ErrorKind::Usage, fmt::format("{}: no recipes/ directory (expected recipes/NAME/meta.yaml)",
                                                        project_dir.string()));
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        fs::path meta = entry.path() / "meta.yaml";
        if (entry.is_directory() && fs::exists(meta)) files.push_back(meta);
    }
    std::sort(files.begin(), files.end());
    std::vector<recipe::Recipe> recipes;
    for (const auto& file : files) {
        auto text = util::read_file(file);
        if (!text) return tl::unexpected(text.error());
        auto recipe = recipe::Recipe::parse(*text, fs::relative(file, project_dir));
        if (!recipe) return tl::unexpected(recipe.error());
        recipe->file = fs::relative(file, project_dir);
        if (!recipe->test.expected_failures_file.empty()) {
            fs::path list = file.parent_path() / recipe->test.expected_failures_file;
            auto list_text = util::read_file(list);
            if (!list_text) {
                return util::fail(ErrorKind::Input, fmt::format("{}: test.suite.expected-failures names {}: {}",
                                                                recipe->file.string(), list.string(),
                                                                list_text.error().message));
            }
            auto entries = recipe::parse_expected_failures(*list_text, fs::relative(list, project_dir));
            if (!entries) return tl::unexpected(entries.error());
            recipe->test.expected_failures = std::move(*entries);
        }
        recipes.push_back(std::move(*recipe));
    }
    return from_recipes(std::move(recipes), project_dir);
}

Expected<RecipeSet> RecipeSet::from_recipes(std::vector<recipe::Recipe> recipes, fs::path project_dir) {
    RecipeSet set;
    set.m_project_dir = std::move(project_dir);
    for (size_t i = 0; i < recipes.size(); ++i) {
        if (set.m_index.count(recipes[i].name)) {
            return util::fail(ErrorKind::Input, fmt::format("{}: duplicate recipe name '{}'", recipes[i].file.string(),
                                                            recipes[i].name));
        }
        set.m_index[recipes[i].name] = i;
    }
    set.m_recipes = std::move(recipes);
    if (auto v = set.validate(); !v) return tl::unexpected(v.error());
    return set;
}

const recipe::Recipe* RecipeSet::find(const std::string& name) const {
    auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_recipes[it->second];
}

std::vector<std::string> RecipeSet::host_dependencies(const recipe::Recipe& recipe) const {
    std::vector<std::string> deps;
    for (const auto& req : recipe.host_requirements) deps.push_back(requirement_name(req));
    return deps;
}

std::vector<std::string> RecipeSet::build_dependencies(const recipe::Recipe& recipe) const {
    std::vector<std::string> out = host_dependencies(recipe);
    for (size_t i = 0; i < out.size(); ++i) {
        const recipe::Recipe* dep = find(out[i]);
        if (!dep || dep->type != BuildType::Package) continue;
        for (const auto& req : dep->run_requirements) {
            std::string name = requirement_name(req);
            if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
        }
    }
    return out;
}

namespace {
std::string location_of(const recipe::Recipe& r, const std::string& kind, const std::string& req) {
    auto it = r.locations.find(kind.substr(kind.find('.') + 1) + ":" + req);
    return it != r.locations.end() ? it->second : r.file.string();
}
}  // namespace

Expected<void> RecipeSet::validate() const {
    for (const auto& r : m_recipes) {
        for (const auto& [kind, list] : {std::pair{"requirements.host", &r.host_requirements},
                                         std::pair{"requirements.run", &r.run_requirements},
                                         std::pair{"test.suite.requires", &r.test.suite_requires}}) {
            for (const auto& req : *list) {
                const recipe::Recipe* dep = find(requirement_name(req));
                if (!dep) {
                    return util::fail(ErrorKind::Input,
                                      fmt::format("{}: unknown dependency '{}' in {} (expected the name "
                                                  "of a recipe in recipes/)", location_of(r, kind, req), req, kind));
                }
            }
        }
    }
    // Cycle detection over what must be built first (depth-first, three colours). Run requirements
    // alone may form cycles (beautifulsoup4 <-> soupsieve): they are installed together.
    std::map<std::string, int> colour;
    std::vector<std::string> stack;
    std::function<Expected<void>(const recipe::Recipe&)> visit = [&](const recipe::Recipe& r) -> Expected<void> {
        colour[r.name] = 1;
        stack.push_back(r.name);
        for (const auto& dep : build_dependencies(r)) {
            if (colour[dep] == 1) {
                auto start = std::find(stack.begin(), stack.end(), dep);
                std::vector<std::string> cycle(start, stack.end());
                cycle.push_back(dep);
                return util::fail(ErrorKind::Input, fmt::format("{}: dependency cycle: {}", r.file.string(),
                                                                util::join(cycle, " -> ")));
            }
            if (colour[dep] == 0) {
                if (auto v = visit(*find(dep)); !v) return v;
            }
        }
        stack.pop_back();
        colour[r.name] = 2;
        return {};
    };
    for (const auto& r : m_recipes) {
        if (colour[r.name] == 0) {
            if (auto v = visit(r); !v) return v;
        }
    }
    return {};
}

}  // namespace wb::recipe
