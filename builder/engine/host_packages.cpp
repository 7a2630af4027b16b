#include "engine/host_packages.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "engine/wheel_step.hpp"
#include "recipe/recipe.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/try.hpp"
#include "wheel/wheel_reader.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

namespace {

/// Include directories numpy-like packages ship, in the order they are looked for.
constexpr const char* k_include_dirs[] = {"_core/include", "core/include", "include"};

std::vector<std::string> pkgconfig_dirs(const fs::path& tree) {
    std::set<std::string> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(tree, ec); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_regular_file() && it->path().extension() == ".pc" && it->path().parent_path().filename() == "pkgconfig") {
            out.insert(fs::relative(it->path().parent_path(), tree).generic_string());
        }
    }
    return {out.begin(), out.end()};
}

std::string python_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\\' || c == '"') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string host_package_view(const std::string& top_level, const std::string& at, const std::string& version,
                              const std::string& include) {
    std::string get_include =
        include.empty()
            ? fmt::format("def get_include():\n    raise ImportError({})\n",
                          python_string(top_level + " has no include directory in its wasm32 wheel"))
            : fmt::format("def get_include():\n    return {}\n", python_string(at + "/" + include));
    return fmt::format(
        "# Written by wasm-build: {0}'s wasm32 wheel (at {1}) holds extension modules the build machine's\n"
        "# Python cannot load. A build reads its version and its (wasm32) headers from this view; any\n"
        "# compiled submodule fails to import.\n"
        "__version__ = {2}\n"
        "__path__ = [{3}]\n"
        "{4}",
        top_level, at, python_string(version), python_string(at), get_include);
}

util::Expected<HostPackages> prepare_host_packages(const std::vector<const BuildResult*>& deps, const fs::path& dir,
                                                   std::string (*inside_of)(const std::string&)) {
    HostPackages out;
    for (const BuildResult* dep : deps) {
        if (dep->type != recipe::build_type_name(recipe::BuildType::Package) || dep->wheels.empty()) continue;
        HostPackage p{dep->name, dir / dep->name, {}};
        util::remove_tree_quiet(p.tree);
        WB_TRY(wheel::extract_wheel(dep->wheel(), p.tree));
        p.pkgconfig_dirs = pkgconfig_dirs(p.tree);
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(p.tree, ec)) {
            std::string top = entry.path().filename().string();
            if (!entry.is_directory() || top.ends_with(".dist-info") || top.ends_with(".data")) continue;
            if (!fs::exists(entry.path() / "__init__.py") || !has_extension_modules(entry.path())) continue;
            std::string include;
            for (const char* candidate : k_include_dirs) {
                if (fs::is_directory(entry.path() / candidate)) {
                    include = candidate;
                    break;
                }
            }
            if (out.views.empty()) out.views = dir / ".views";
            std::string at = inside_of(dep->name) + "/" + top;
            WB_TRY(util::write_file_atomic(out.views / top / "__init__.py",
                                           host_package_view(top, at, dep->version, include)));
        }
        out.packages.push_back(std::move(p));
    }
    return out;
}

}  // namespace wb::engine
