#include "fetch/source_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace wb::fetch {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;
using util::fail;

namespace {

/// Keeps only characters that are harmless in a file name, so a URL's last segment can serve.
std::string safe_name(std::string_view hint) {
    std::string out;
    for (char c : hint.substr(0, 80)) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '-' || c == '_' || c == '+';
        out += ok ? c : '_';
    }
    return out.empty() ? "download" : out;
}

bool same_device(const fs::path& a, const fs::path& b) {
    struct stat sa {}, sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev;
}

/// Moves a file into the store (fsync, rename, fsync the directory); a file on another file system
/// is first copied next to the store so that the final step is still one rename.
Expected<void> move_into_place(const fs::path& from, const fs::path& to, const fs::path& tmp_dir) {
    if (same_device(from, to.parent_path())) return util::commit_rename(from, to);
    std::error_code ec;
    fs::create_directories(tmp_dir, ec);
    static std::atomic<unsigned> counter{0};
    fs::path staged = tmp_dir / fmt::format("{}.{}-{}.copy", to.filename().string(), ::getpid(), counter++);
    fs::copy_file(from, staged, fs::copy_options::overwrite_existing, ec);
    if (ec) {
        fs::remove(staged, ec);
        return fail(ErrorKind::Io, fmt::format("{}: cannot copy into the source store: {}", from.string(), ec.message()));
    }
    fs::remove(from, ec);
    auto committed = util::commit_rename(staged, to);
    if (!committed) fs::remove(staged, ec);
    return committed;
}

}  // namespace

Expected<std::string> normalize_sha256(std::string_view sha256, std::string_view origin) {
    std::string lower = util::to_lower(util::trim(sha256));
    if (!util::is_sha256_hex(lower)) {
        return fail(ErrorKind::Input, fmt::format("{}: '{}' is not a sha256 (expected 64 hex digits)", origin, sha256));
    }
    return lower;
}

SourceStore::SourceStore(fs::path root, Reporter report) : m_root(std::move(root)), m_report(std::move(report)) {}

fs::path SourceStore::path_for(std::string_view sha256) const {
    return m_root / "sha256" / util::to_lower(sha256);
}

std::optional<fs::path> SourceStore::lookup(std::string_view sha256) const {
    std::string lower = util::to_lower(sha256);
    if (!util::is_sha256_hex(lower)) return std::nullopt;
    fs::path path = path_for(lower);
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(path, ec))) return std::nullopt;
    auto actual = util::sha256_file_hex(path);
    if (actual && *actual == lower) return path;
    // Damaged or replaced in place: never built from. Kept aside (not deleted) for whoever looks into it.
    fs::create_directories(corrupt_dir(), ec);
    fs::path aside = corrupt_dir() / fmt::format("{}.{}", lower, actual ? actual->substr(0, 16) : "unreadable");
    fs::rename(path, aside, ec);
    if (ec) fs::remove(path, ec);
    if (m_report) {
        m_report(fmt::format("{}: the source store's object does not hash to its name ({}); moved to {}, fetched again",
                             path.string(), actual ? "its bytes give " + *actual : actual.error().message,
                             aside.string()));
    }
    return std::nullopt;
}

Expected<fs::path> SourceStore::new_temp_file(std::string_view name_hint) const {
    std::error_code ec;
    fs::create_directories(tmp_dir(), ec);
    std::string pattern = (tmp_dir() / ("XXXXXX-" + safe_name(name_hint))).string();
    int suffix = static_cast<int>(pattern.size() - (tmp_dir().string().size() + 1 + 6));
    int fd = ::mkstemps(pattern.data(), suffix);
    if (fd < 0) {
        return fail(ErrorKind::Io,
                    fmt::format("{}: cannot create a temporary file: {}", tmp_dir().string(), std::strerror(errno)));
    }
    ::close(fd);
    return fs::path(pattern);
}

Expected<fs::path> SourceStore::adopt(const fs::path& temp_file, std::string_view expected_sha256,
                                      std::string_view origin) {
    std::error_code ec;
    auto expected = normalize_sha256(expected_sha256, origin);
    if (!expected) {
        fs::remove(temp_file, ec);
        return tl::unexpected(expected.error());
    }
    auto actual = util::sha256_file_hex(temp_file);
    if (!actual) {
        fs::remove(temp_file, ec);
        return tl::unexpected(actual.error());
    }
    if (*actual != *expected) {
        fs::remove(temp_file, ec);
        return fail(ErrorKind::Integrity, fmt::format("{}: sha256 mismatch: expected {}, got {}", origin, *expected, *actual));
    }
    fs::permissions(temp_file, fs::perms(0644), ec);  // mkstemp made it 0600
    fs::path final_path = path_for(*expected);
    fs::create_directories(final_path.parent_path(), ec);
    if (ec) {
        fs::remove(temp_file, ec);
        return fail(ErrorKind::Io, fmt::format("{}: cannot create the source store directory: {}",
                                               final_path.parent_path().string(), ec.message()));
    }
    if (auto moved = move_into_place(temp_file, final_path, tmp_dir()); !moved) {
        fs::remove(temp_file, ec);
        return tl::unexpected(moved.error());
    }
    return final_path;
}

}  // namespace wb::fetch
