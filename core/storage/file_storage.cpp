#include "storage/file_storage.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"
#include "util/scope_guard.hpp"

namespace wb::storage {
namespace fs = std::filesystem;

util::Expected<fs::path> FileStorage::path_of(const std::string& key) const {
    if (!is_valid_key(key)) return util::fail(util::ErrorKind::Internal, fmt::format("invalid storage key '{}'", key));
    return m_root / key;
}

util::Expected<bool> FileStorage::exists(const std::string& key) {
    auto path = path_of(key);
    if (!path) return tl::unexpected(path.error());
    std::error_code ec;
    if (!fs::is_directory(m_root, ec)) {
        return util::fail(util::ErrorKind::Io, fmt::format("{}: the cache directory is not there", describe()));
    }
    return fs::exists(*path, ec);
}

util::Expected<bool> FileStorage::get(const std::string& key, const fs::path& dest) {
    auto there = exists(key);
    if (!there || !*there) return there;
    std::error_code ec;
    fs::remove(dest, ec);
    if (auto c = util::copy_file_new(m_root / key, dest); !c) {
        if (!fs::exists(m_root / key, ec)) return false;  // removed meanwhile
        return tl::unexpected(c.error());
    }
    return true;
}

util::Expected<PutOutcome> FileStorage::put_new(const std::string& key, const fs::path& file) {
    auto there = exists(key);
    if (!there) return tl::unexpected(there.error());
    if (*there) return PutOutcome::Existed;
    fs::path target = m_root / key;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
        return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot create: {}", target.parent_path().string(),
                                                           ec.message()));
    }
    fs::path temp = target.parent_path() / fmt::format(".tmp-{}-{}", ::getpid(), target.filename().string());
    fs::remove(temp, ec);
    util::ScopeGuard cleanup([&] { fs::remove(temp, ec); });
    if (auto c = util::copy_file_new(file, temp); !c) return tl::unexpected(c.error());
    int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    // link() fails with EEXIST when the key appeared meanwhile: the first writer wins.
    if (::link(temp.c_str(), target.c_str()) != 0) {
        if (errno == EEXIST) return PutOutcome::Existed;
        return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot link into place: {}", target.string(),
                                                           std::strerror(errno)));
    }
    util::sync_directory(target.parent_path());
    return PutOutcome::Stored;
}

}  // namespace wb::storage
