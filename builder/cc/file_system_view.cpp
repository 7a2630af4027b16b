#include "cc/file_system_view.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wb::cc {

bool RealFileSystemView::is_file(const std::string& path) const {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string RealFileSystemView::head(const std::string& path, size_t count) const {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string out(count, '\0');
    ssize_t n = ::read(fd, out.data(), count);
    ::close(fd);
    out.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return out;
}

}  // namespace wb::cc
