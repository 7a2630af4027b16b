#include "engine/build_key.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace wb::engine {
namespace fs = std::filesystem;
using util::Expected;

std::string KeyInputs::key() const {
    util::Sha256 h;
    for (const auto& [name, value] : parts) {
        h.update(name);
        h.update(std::string(1, '\0'));
        h.update(value);
        h.update(std::string(1, '\n'));
    }
    return h.finish_hex();
}

nlohmann::json KeyInputs::to_json() const { return nlohmann::json(parts); }

KeyInputs KeyInputs::from_json(const nlohmann::json& j) {
    KeyInputs k;
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.value().is_string()) k.parts[it.key()] = it.value().get<std::string>();
        }
    }
    return k;
}

std::vector<std::string> KeyInputs::differences(const KeyInputs& before, const KeyInputs& now) {
    std::vector<std::string> out;
    auto describe = [](const std::string& name) {
        auto colon = name.find(':');
        if (colon == std::string::npos) return name;
        return name.substr(0, colon) + " " + name.substr(colon + 1);
    };
    for (const auto& [name, value] : now.parts) {
        auto it = before.parts.find(name);
        if (it == before.parts.end()) out.push_back(describe(name) + " added");
        else if (it->second != value) out.push_back(describe(name) + " changed");
    }
    for (const auto& [name, value] : before.parts) {
        if (!now.parts.count(name)) out.push_back(describe(name) + " removed");
    }
    return out;
}

fs::path resolve_recipe_path(const recipe::Recipe& recipe, const fs::path& project_dir, const std::string& path) {
    fs::path p(path);
    if (p.is_absolute()) return p;
    fs::path in_recipe = project_dir / recipe.dir() / p;
    std::error_code ec;
    if (fs::exists(in_recipe, ec)) return in_recipe;
    return project_dir / p;
}

std::vector<fs::path> recipe_patches(const recipe::Recipe& recipe, const fs::path& project_dir) {
    std::vector<fs::path> out;
    if (!recipe.source.patches.empty()) {
        for (const auto& p : recipe.source.patches) out.push_back(resolve_recipe_path(recipe, project_dir, p));
        return out;
    }
    fs::path dir = project_dir / "patches" / recipe.name;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".patch") out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

Expected<std::string> hash_path(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return util::sha256_file_hex(path);
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(path)) {
        if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    util::Sha256 h;
    for (const auto& f : files) {
        auto fh = util::sha256_file_hex(f);
        if (!fh) return fh;
        h.update(fs::relative(f, path).string() + "\n" + *fh + "\n");
    }
    return h.finish_hex();
}

Expected<KeyInputs> compute_key_inputs(const graph::Node& node, const KeyContext& ctx,
                                       const std::vector<std::pair<std::string, std::string>>& dep_keys) {
    const recipe::Recipe& recipe = *node.recipe;
    const fs::path& project_dir = ctx.project_dir;
    KeyInputs k;
    k.parts["builder"] = k_builder_version;
    k.parts["recipe"] = util::sha256_hex(recipe.canonical());
    if (node.shared) k.parts["flavor"] = node.platform->flavor;
    else k.parts["platform"] = node.platform->identity;
    if (recipe.type == recipe::BuildType::SharedLibrary) {
        // How the step treats a shared library (build_environment.cpp, shared_library_step.hpp):
        // a change there must rebuild them.
        k.parts["shared-library"] = "side-module-ldflags default-visibility lib-so-zip 1";
    }
    if (recipe.type == recipe::BuildType::Package) {
        k.parts["frontend"] = ctx.frontend_identity;
        k.parts["tools"] = ctx.tools_identity;
    }
    if (!recipe.source.sha256.empty()) {
        k.parts["source"] = recipe.source.sha256;
    } else if (!recipe.source.path.empty()) {
        auto h = hash_path(resolve_recipe_path(recipe, project_dir, recipe.source.path));
        if (!h) return tl::unexpected(h.error());
        k.parts["source"] = *h;
    }
    for (const auto& patch : recipe_patches(recipe, project_dir)) {
        auto h = util::sha256_file_hex(patch);
        if (!h) return tl::unexpected(util::Error{util::ErrorKind::Input,
                                                  fmt::format("{}: patch listed by the recipe: {}", recipe.file.string(),
                                                              h.error().message)});
        k.parts["patch:" + patch.filename().string()] = *h;
    }
    for (const auto& [src, dest] : recipe.source.extras) {
        auto h = hash_path(resolve_recipe_path(recipe, project_dir, src));
        if (!h) return tl::unexpected(h.error());
        k.parts["extra:" + dest] = *h;
    }
    // Other files in the recipe folder (build scripts, pre-js files…) can change the output too;
    // documentation and the files only tests read cannot.
    fs::path dir = project_dir / recipe.dir();
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string name = e.path().filename().string();
        bool test_only = name == recipe.test.expected_failures_file || name == util::trim(recipe.test.script) ||
                         name == recipe.test.suite_script;
        if (!e.is_regular_file() || name == "meta.yaml" || e.path().extension() == ".md" || test_only) continue;
        auto h = util::sha256_file_hex(e.path());
        if (!h) return tl::unexpected(h.error());
        k.parts["file:" + e.path().filename().string()] = *h;
    }
    // The time inside the wheels; the default's part of the builder version (keys made before it was
    // a choice stay valid).
    if (ctx.source_date_epoch != k_default_source_date_epoch) {
        k.parts["source_date_epoch"] = std::to_string(ctx.source_date_epoch);
    }
    for (const auto& [name, key] : dep_keys) k.parts["dependency:" + name] = key;
    return k;
}

}  // namespace wb::engine
