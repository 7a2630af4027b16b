#include "engine/build_cache.hpp"

#include <fmt/format.h>

#include "util/hash.hpp"
#include "util/safe_path.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

util::Expected<void> verify_products(const BuildResult& result) {
    for (const auto& p : result.wheels) {
        auto rel = util::SafePath::parse(p.path);
        if (!rel) {
            return util::fail(util::ErrorKind::Integrity, fmt::format("{}: product path '{}' leaves the build "
                                                                      "directory", (result.dir / "result.json").string(),
                                                                      p.path));
        }
        // No part of the path may be a symlink: a linked directory (dist -> elsewhere) would hand out
        // a file from outside the build directory as much as a linked file would.
        if (auto plain = util::no_symlink_on_path(result.dir, *rel, util::ErrorKind::Integrity); !plain) return plain;
        fs::path file = rel->under(result.dir);
        auto hash = util::sha256_file_hex(file);
        if (!hash) return tl::unexpected(hash.error());
        if (*hash != p.sha256) {
            return util::fail(util::ErrorKind::Integrity, fmt::format("{}: sha256 {} but the build recorded {}",
                                                                      file.string(), *hash, p.sha256));
        }
    }
    return {};
}

bool BuildCache::has(const std::string& name, const std::string& key) const {
    std::error_code ec;
    return fs::exists(m_layout.build_dir(name, key) / "result.json", ec);
}

std::optional<BuildResult> BuildCache::lookup(const std::string& name, const std::string& key,
                                              std::string* problem) const {
    fs::path dir = m_layout.build_dir(name, key);
    if (!has(name, key)) {
        std::error_code ec;
        // A directory without a record is somebody's business (an older unfinished attempt): leave it.
        if (!m_remote || fs::exists(dir, ec) || !m_remote->fetch(name, key, dir)) return std::nullopt;
    }
    auto r = read_result(dir);
    std::string why;
    if (!r) why = r.error().message;
    else if (r->key != key || r->name != name) why = fmt::format("{}: records {} {}, not {} {}", dir.string(), r->name,
                                                                 r->key, name, key);
    else if (auto v = verify_products(*r); !v) why = v.error().message;
    if (!why.empty()) {
        if (problem) *problem = why;
        return std::nullopt;
    }
    r->outcome = Outcome::Cached;
    return std::move(*r);
}

void BuildCache::publish(const BuildResult& result) const {
    if (m_remote) m_remote->publish(result);
}

std::optional<BuildResult> BuildCache::latest(const std::string& name, const std::string& variant) const {
    std::optional<BuildResult> best;
    fs::file_time_type best_time{};
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_layout.builds(name), ec)) {
        fs::path record = e.path() / "result.json";
        auto t = fs::last_write_time(record, ec);
        if (ec || (best && t <= best_time)) continue;
        if (auto r = read_result(e.path()); r && r->variant == variant) {
            best = *r;
            best_time = t;
        }
    }
    return best;
}

}  // namespace wb::engine
