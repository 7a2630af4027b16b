#include "runtime/site_env.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "wheel/wheel_reader.hpp"

namespace wb::runtime {
namespace fs = std::filesystem;

util::Expected<fs::path> make_site_env(const fs::path& envs_root, const std::vector<fs::path>& wheels,
                                       const std::vector<fs::path>& overlays) {
    std::vector<std::string> ids;
    for (const auto& w : wheels) {
        auto h = util::sha256_file_hex(w);
        if (!h) return tl::unexpected(h.error());
        ids.push_back(w.filename().string() + ":" + *h);
    }
    for (const auto& o : overlays) ids.push_back("overlay:" + o.string());
    std::sort(ids.begin(), ids.end());
    std::string joined;
    for (const auto& id : ids) joined += id + "\n";
    fs::path target = envs_root / ("site-" + util::sha256_hex(joined).substr(0, 24));
    std::error_code ec;
    if (fs::exists(target / ".complete", ec)) return target;
    auto temp = util::make_temp_dir(envs_root, ".site-");
    if (!temp) return tl::unexpected(temp.error());
    for (const auto& w : wheels) {
        if (auto x = wheel::extract_wheel(w, *temp); !x) {
            util::remove_tree_quiet(*temp);
            return tl::unexpected(x.error());
        }
    }
    for (const auto& o : overlays) {
        if (!fs::is_directory(o, ec)) continue;
        if (auto c = util::copy_tree(o, *temp); !c) {
            util::remove_tree_quiet(*temp);
            return tl::unexpected(c.error());
        }
    }
    if (auto m = util::write_file_atomic(*temp / ".complete", joined); !m) return tl::unexpected(m.error());
    util::remove_tree_quiet(target);
    fs::rename(*temp, target, ec);
    if (ec) {
        util::remove_tree_quiet(*temp);
        if (fs::exists(target / ".complete")) return target;  // another run made it first
        return util::fail(util::ErrorKind::Io, fmt::format("{}: {}", target.string(), ec.message()));
    }
    return target;
}

namespace {
bool holds_native_code(const fs::path& p) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p.extension() == ".so";
    for (auto it = fs::recursive_directory_iterator(p, ec); it != fs::recursive_directory_iterator(); ++it) {
        if (it->path().extension() == ".so") return true;
    }
    return false;
}
}  // namespace

util::Expected<fs::path> make_test_tools_env(const fs::path& envs_root, const fs::path& dist_packages) {
    fs::path target = envs_root / "test-tools";
    std::error_code ec;
    if (fs::exists(target / ".complete", ec)) return target;
    auto temp = util::make_temp_dir(envs_root, ".test-tools-");
    if (!temp) return tl::unexpected(temp.error());
    for (const auto& e : fs::directory_iterator(dist_packages, ec)) {
        const fs::path& p = e.path();
        std::string name = p.filename().string();
        // Modules and packages without native code, and the distributions' metadata (pytest finds
        // plugins such as hypothesis' through entry points).
        bool module = e.is_directory() || p.extension() == ".py";
        if (!module || name == "__pycache__" || holds_native_code(p)) continue;
        fs::create_symlink(p, *temp / name, ec);
    }
    if (auto m = util::write_file_atomic(*temp / ".complete", dist_packages.string()); !m) return tl::unexpected(m.error());
    util::remove_tree_quiet(target);
    fs::rename(*temp, target, ec);
    if (ec && !fs::exists(target / ".complete")) {
        return util::fail(util::ErrorKind::Io, fmt::format("{}: {}", target.string(), ec.message()));
    }
    return target;
}

}  // namespace wb::runtime
