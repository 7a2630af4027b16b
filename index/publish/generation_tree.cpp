#include "index/publish/generation_tree.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

constexpr const char* k_staging = "staging";

/// The number of a generation directory name "g000012", or -1.
long generation_number(const std::string& name) {
    if (name.size() != 7 || name[0] != 'g') return -1;
    if (!std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; })) return -1;
    return std::stol(name.substr(1));
}

std::vector<long> generations(const fs::path& root) {
    std::vector<long> numbers;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        long n = generation_number(entry.path().filename().string());
        if (n >= 0) numbers.push_back(n);
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

/// Above this many new files one syncfs is cheaper than an fsync each (though it also waits for
/// other writers' data on the same file system).
constexpr size_t k_max_fsync_files = 256;

Expected<void> flush_files(const fs::path& tree, const std::vector<fs::path>& files) {
    if (files.size() <= k_max_fsync_files) {
        for (const fs::path& file : files) {
            int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0 || ::fdatasync(fd) != 0) {
                int saved = errno;
                if (fd >= 0) ::close(fd);
                return fail(ErrorKind::Io, fmt::format("{}: cannot flush to disk: {}", file.string(), std::strerror(saved)));
            }
            ::close(fd);
        }
        return {};
    }
    int fd = ::open(tree.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::syncfs(fd) != 0) {
        int saved = errno;
        if (fd >= 0) ::close(fd);
        return fail(ErrorKind::Io, fmt::format("{}: cannot flush to disk: {}", tree.string(), std::strerror(saved)));
    }
    ::close(fd);
    return {};
}

}  // namespace

GenerationTree::GenerationTree(fs::path dir, fs::path root, int lock_fd)
    : m_dir(std::move(dir)), m_root(std::move(root)), m_lock_fd(lock_fd) {}

GenerationTree::GenerationTree(GenerationTree&& other) noexcept
    : m_dir(std::move(other.m_dir)), m_root(std::move(other.m_root)), m_lock_fd(other.m_lock_fd) {
    other.m_lock_fd = -1;
}

GenerationTree::~GenerationTree() {
    if (m_lock_fd >= 0) ::close(m_lock_fd);  // releases the flock
}

Expected<GenerationTree> GenerationTree::open(const fs::path& dir_in) {
    fs::path dir = fs::absolute(dir_in).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();
    std::error_code ec;
    auto status = fs::symlink_status(dir, ec);
    if (fs::exists(status) && !fs::is_symlink(status)) {
        if (!fs::is_directory(status) || !fs::is_empty(dir, ec)) {
            return fail(ErrorKind::Usage, fmt::format("{}: exists and is not a repository made by wasm-build (expected "
                                                      "a symlink to a generation, or an empty directory)", dir.string()));
        }
        fs::remove(dir, ec);
    }
    fs::path root = dir;
    root += ".generations";
    fs::create_directories(root, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", root.string(), ec.message()));
    int fd = ::open((root / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return fail(ErrorKind::Io, fmt::format("{}: cannot open lock: {}", (root / ".lock").string(), std::strerror(errno)));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return fail(ErrorKind::Io, fmt::format("{}: another publish or mirror is writing this repository", dir.string()));
    }
    return GenerationTree(dir, root, fd);
}

std::optional<fs::path> GenerationTree::current() const {
    std::error_code ec;
    if (!fs::is_symlink(m_dir, ec)) return std::nullopt;
    fs::path target = fs::read_symlink(m_dir, ec);
    if (ec) return std::nullopt;
    fs::path resolved = target.is_absolute() ? target : m_dir.parent_path() / target;
    if (!fs::is_directory(resolved, ec)) return std::nullopt;
    return resolved.lexically_normal();
}

Expected<fs::path> GenerationTree::staging(bool fresh) {
    fs::path path = m_root / k_staging;
    if (fresh) util::remove_tree_quiet(path);
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", path.string(), ec.message()));
    return path;
}

Expected<fs::path> GenerationTree::activate_staging(const std::vector<fs::path>& new_files) {
    fs::path staging = m_root / k_staging;
    if (auto r = flush_files(staging, new_files); !r) return tl::unexpected(r.error());
    auto numbers = generations(m_root);
    long next = numbers.empty() ? 1 : numbers.back() + 1;
    std::string name = fmt::format("g{:06}", next);
    fs::path generation = m_root / name;
    std::error_code ec;
    fs::rename(staging, generation, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot rename to {}: {}", staging.string(), generation.string(), ec.message()));
    util::sync_directory(m_root);
    fs::path link_temp = m_dir;
    link_temp += fmt::format(".link-{}", ::getpid());
    fs::remove(link_temp, ec);
    fs::path target = m_root.filename() / name;  // relative: the pair DIR + DIR.generations can move together
    if (::symlink(target.c_str(), link_temp.c_str()) != 0 || ::rename(link_temp.c_str(), m_dir.c_str()) != 0) {
        int saved = errno;
        fs::remove(link_temp, ec);
        return fail(ErrorKind::Io, fmt::format("{}: cannot switch to {}: {}", m_dir.string(), generation.string(),
                                               std::strerror(saved)));
    }
    util::sync_directory(m_dir.parent_path());
    return generation;
}

void GenerationTree::prune(size_t keep) {
    auto numbers = generations(m_root);
    auto now = current();
    std::error_code ec;
    for (size_t i = 0; i + keep < numbers.size(); ++i) {
        fs::path path = m_root / fmt::format("g{:06}", numbers[i]);
        if (now && fs::equivalent(path, *now, ec)) continue;
        util::remove_tree_quiet(path);
    }
}

Expected<void> link_or_copy(const fs::path& source, const fs::path& dest) {
    std::error_code ec;
    fs::create_hard_link(source, dest, ec);
    if (!ec) return {};
    fs::remove(dest, ec);
    return util::copy_file_new(source, dest);
}

}  // namespace wb::index
