#include <algorithm>
#include "engine/source_step.hpp"

#include <fstream>

#include <fmt/format.h>

#include "archive/entry_policy.hpp"
#include "archive/unpack.hpp"
#include "engine/build_key.hpp"
#include "fetch/fetcher.hpp"
#include "patch/apply_patches.hpp"
#include "patch/copy_extras.hpp"
#include "util/file_util.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

fetch::SourceRequest source_request(const BuildContext& ctx, const recipe::Recipe& recipe) {
    fetch::SourceRequest req;
    req.origin = recipe.file.string();
    req.sha256 = recipe.source.sha256;
    if (!recipe.source.debian_package.empty()) {
        req.kind = fetch::SourceRequest::Kind::Debian;
        req.debian_package = recipe.source.debian_package;
        req.debian_version = recipe.source.debian_version;
        req.debian_file = recipe.source.debian_file;
    } else if (!recipe.source.path.empty()) {
        req.kind = fetch::SourceRequest::Kind::Path;
        req.path = resolve_recipe_path(recipe, ctx.project_dir, recipe.source.path);
    } else if (!recipe.source.pypi_file.empty()) {
        req.kind = fetch::SourceRequest::Kind::Url;  // the URL is asked of the index when the store lacks the file
        req.origin = fmt::format("{} (PyPI file {})", recipe.file.string(), recipe.source.pypi_file);
    } else {
        req.kind = fetch::SourceRequest::Kind::Url;
        for (const auto& url : recipe.source.urls) {
            // file: URLs relative to the project (tests, local mirrors).
            if (url.rfind("file:", 0) == 0 && url.rfind("file:/", 0) != 0) {
                req.urls.push_back("file://" + (ctx.project_dir / url.substr(5)).string());
            } else {
                req.urls.push_back(url);
            }
        }
    }
    return req;
}

util::Expected<fs::path> fetch_recipe_source(const BuildContext& ctx, const recipe::Recipe& recipe) {
    fetch::SourceRequest request = source_request(ctx, recipe);
    if (!recipe.source.pypi_file.empty() && !ctx.offline) {
        if (auto hit = ctx.services.store.lookup(recipe.source.sha256)) return *hit;
        auto url = ctx.services.pypi.file_url(recipe.source.pypi_project, recipe.source.pypi_file, recipe.source.sha256);
        if (!url) return tl::unexpected(url.error());
        request.urls = {*url};
    }
    return fetch::fetch_source(request, ctx.services.store, ctx.services.downloader, ctx.services.debian, ctx.offline);
}

namespace {

tl::unexpected<StepError> step_error(const std::string& step, util::Error e) {
    return tl::unexpected(StepError{step, std::move(e)});
}

}  // namespace

tl::expected<fs::path, StepError> prepare_source(const BuildContext& ctx, const recipe::Recipe& recipe,
                                                 const fs::path& work, const fs::path& log) {
    std::error_code ec;
    fs::create_directories(work, ec);
    fs::path src_dir = work / "src";
    if (!recipe.source.has_source()) {
        fs::create_directories(src_dir, ec);
        return src_dir;
    }
    auto fetched = fetch_recipe_source(ctx, recipe);
    if (!fetched) return step_error("fetch", fetched.error());
    std::ofstream(log, std::ios::app) << "wasm-build: source " << fetched->string() << "\n";

    fs::path root = src_dir;
    if (fs::is_directory(*fetched, ec)) {
        // A local tree follows the archive rules: no link may lead out of it (a link to a file
        // elsewhere on this machine would put that file's bytes into the build and the wheel).
        if (auto c = util::copy_tree(*fetched, src_dir); !c) return step_error("unpack", c.error());
        if (auto escape = archive::find_escaping_symlink(src_dir)) {
            return step_error("unpack", util::Error{util::ErrorKind::Input,
                                                    fmt::format("{}: source path {}: {}", recipe.file.string(),
                                                                fetched->string(), *escape)});
        }
    } else {
        archive::UnpackLimits limits;
        if (recipe.source.unpack_max_entries > 0) limits.max_entries = recipe.source.unpack_max_entries;
        if (recipe.source.unpack_max_mib > 0) limits.max_total_bytes = uint64_t(recipe.source.unpack_max_mib) << 20;
        if (recipe.source.unpack_max_ratio > 0) limits.max_ratio = recipe.source.unpack_max_ratio;
        const std::string& extract_dir = recipe.source.extract_dir;
        auto unpacked = archive::unpack(*fetched, src_dir, limits, /*strip_single_root=*/extract_dir.empty());
        if (!unpacked) {
            util::Error e = unpacked.error();
            e.message = fmt::format("{} (source of {})", e.message, recipe.file.string());
            return step_error("unpack", e);
        }
        root = unpacked->root;
        if (!extract_dir.empty()) {
            root = src_dir / extract_dir;
            if (fs::is_symlink(root, ec) || !fs::is_directory(root, ec)) {
                std::vector<std::string> top;
                for (const auto& entry : fs::directory_iterator(src_dir, ec)) top.push_back(entry.path().filename());
                std::sort(top.begin(), top.end());
                return step_error("unpack", util::Error{util::ErrorKind::Input,
                    fmt::format("{}: source.extract_dir '{}' is not a directory of the source archive (its top "
                                "level holds: {})", recipe.file.string(), extract_dir, util::join(top, ", "))});
            }
        }
    }

    std::vector<std::pair<fs::path, std::string>> extras;
    for (const auto& [file, dest] : recipe.source.extras) {
        extras.emplace_back(resolve_recipe_path(recipe, ctx.project_dir, file), dest);
    }
    if (auto c = patch::copy_extras(root, extras); !c) return step_error("patch", c.error());
    auto patches = recipe_patches(recipe, ctx.project_dir);
    if (auto p = patch::apply_patches(root, patches, log, ctx.services.runner); !p) return step_error("patch", p.error());
    return root;
}

}  // namespace wb::engine
