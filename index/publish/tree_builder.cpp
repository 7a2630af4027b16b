#include "index/publish/tree_builder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "index/publish/generation_tree.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

Expected<void> write_new_file(const fs::path& path, std::string_view content) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", path.string(), std::strerror(errno)));
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int saved = n < 0 ? errno : ENOSPC;
            ::close(fd);
            return fail(ErrorKind::Io, fmt::format("{}: cannot write ({} of {} bytes written): {}", path.string(), done,
                                                   content.size(), std::strerror(saved)));
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot write (on close): {}", path.string(), std::strerror(errno)));
    }
    return {};
}

TreeBuilder::TreeBuilder(fs::path staging, std::optional<fs::path> previous,
                         std::map<std::string, TargetFile> previous_targets)
    : m_staging(std::move(staging)), m_previous(std::move(previous)), m_previous_targets(std::move(previous_targets)) {}

Expected<fs::path> TreeBuilder::prepare(const std::string& path) {
    fs::path full = m_staging / path;
    fs::path parent = full.parent_path();
    if (!m_made_dirs.contains(parent)) {
        std::error_code ec;
        fs::create_directories(parent, ec);
        if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", parent.string(), ec.message()));
        m_made_dirs.insert(parent);
    }
    return full;
}

bool TreeBuilder::reuse(const std::string& path, const TargetFile& info) {
    if (!m_previous) return false;
    auto old = m_previous_targets.find(path);
    if (old == m_previous_targets.end() || old->second != info) return false;
    auto full = prepare(path);
    if (!full) return false;
    std::error_code ec;
    fs::create_hard_link(*m_previous / path, *full, ec);
    if (ec) return false;
    // The previous tree may have been changed on disk since it was signed: what is linked is
    // hashed again, and written afresh when it is not what the targets say.
    auto sha = util::sha256_file_hex(*full);
    if (fs::file_size(*full, ec) != info.length || ec || !sha || *sha != info.sha256) {
        fs::remove(*full, ec);
        return false;
    }
    m_targets[path] = info;
    ++m_linked;
    return true;
}

Expected<void> TreeBuilder::put_text(const std::string& path, std::string_view content, bool target) {
    TargetFile info{content.size(), util::sha256_hex(content)};
    if (target && reuse(path, info)) return {};
    auto full = prepare(path);
    if (!full) return tl::unexpected(full.error());
    if (auto r = write_new_file(*full, content); !r) return r;
    if (target) m_targets[path] = info;
    m_written_paths.push_back(*full);
    return {};
}

Expected<void> TreeBuilder::put_copy(const std::string& path, const fs::path& source, const TargetFile& info) {
    if (reuse(path, info)) return {};
    auto full = prepare(path);
    if (!full) return tl::unexpected(full.error());
    if (auto ok = util::copy_file_new(source, *full); !ok) return ok;
    std::error_code ec;
    auto sha = util::sha256_file_hex(*full);  // what is signed is the copy, not the input read earlier
    if (fs::file_size(*full, ec) != info.length || !sha || *sha != info.sha256) {
        return fail(ErrorKind::Io, fmt::format("{}: changed while being published", source.string()));
    }
    m_targets[path] = info;
    m_written_paths.push_back(*full);
    return {};
}

Expected<void> TreeBuilder::put_written(const std::string& path) {
    auto sha = util::sha256_file_hex(m_staging / path);
    if (!sha) return tl::unexpected(sha.error());
    std::error_code ec;
    uint64_t size = fs::file_size(m_staging / path, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: {}", (m_staging / path).string(), ec.message()));
    m_targets[path] = TargetFile{size, *sha};
    m_written_paths.push_back(m_staging / path);
    return {};
}

Expected<void> TreeBuilder::reuse_untracked(const std::string& path) {
    if (!m_previous) return {};
    auto full = prepare(path);
    if (!full) return tl::unexpected(full.error());
    return link_or_copy(*m_previous / path, *full);
}

}  // namespace wb::index
