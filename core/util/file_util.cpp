#include "util/file_util.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace wb::util {
namespace fs = std::filesystem;

Expected<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::Io, fmt::format("{}: cannot open for reading", path.string()));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return fail(ErrorKind::Io, fmt::format("{}: read error", path.string()));
    return ss.str();
}

Expected<fs::path> make_temp_dir(const fs::path& parent, const std::string& prefix) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    std::string pattern = (parent / (prefix + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return fail(ErrorKind::Io, fmt::format("{}: cannot create temporary directory: {}", parent.string(),
                                               std::strerror(errno)));
    }
    return fs::path(pattern);
}

void remove_tree_quiet(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
}

namespace {

/// Writes all of data to fd; false with errno set when it cannot.
bool write_all(int fd, const char* data, size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = ENOSPC;
            return false;
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

Expected<void> copy_file_new(const fs::path& from, const fs::path& to) {
    int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return fail(ErrorKind::Io, fmt::format("{}: cannot open for reading: {}", from.string(), std::strerror(errno)));
    int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0) {
        int saved = errno;
        ::close(in);
        return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", to.string(), std::strerror(saved)));
    }
    char buffer[64 * 1024];
    std::string problem;
    for (;;) {
        ssize_t n = ::read(in, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) problem = fmt::format("{}: cannot read: {}", from.string(), std::strerror(errno));
        if (n <= 0) break;
        if (!write_all(out, buffer, static_cast<size_t>(n))) {
            problem = fmt::format("{}: cannot write (copying {}): {}", to.string(), from.string(), std::strerror(errno));
            break;
        }
    }
    ::close(in);
    if (::close(out) != 0 && problem.empty()) {
        problem = fmt::format("{}: cannot write (on close): {}", to.string(), std::strerror(errno));
    }
    if (problem.empty()) return {};
    ::unlink(to.c_str());
    return fail(ErrorKind::Io, problem);
}

Expected<void> copy_tree(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to, ec);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks |
                           fs::copy_options::overwrite_existing, ec);
    if (ec) return fail(ErrorKind::Io, fmt::format("copy {} -> {}: {}", from.string(), to.string(), ec.message()));
    return {};
}

fs::path temp_root(const Environment& env) {
    return env_or(env, "TMPDIR", "/tmp");
}

void append_line(const std::filesystem::path& log, std::string_view line) {
    std::ofstream out(log, std::ios::app);
    out << line << "\n";
}

}  // namespace wb::util
