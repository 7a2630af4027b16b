#include "cc/shims.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "cc/tool.hpp"
#include "util/atomic_file.hpp"

namespace wb::cc {
namespace fs = std::filesystem;
namespace {

bool links_to(const fs::path& link, const std::string& target) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(link, ec))) return false;
    return fs::read_symlink(link, ec).string() == target && !ec;
}

/// Creates a symlink beside `link` and renames it over whatever is there.
util::Expected<void> replace_with_symlink(const fs::path& link, const std::string& target) {
    fs::path temp = link;
    temp += fmt::format(".tmp-{}", ::getpid());
    ::unlink(temp.c_str());
    if (::symlink(target.c_str(), temp.c_str()) != 0) {
        return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot create symlink to {}: {}", temp.string(), target,
                                                           std::strerror(errno)));
    }
    if (::rename(temp.c_str(), link.c_str()) != 0) {
        int error = errno;
        ::unlink(temp.c_str());
        return util::fail(util::ErrorKind::Io,
                          fmt::format("{}: cannot replace with a symlink: {}", link.string(), std::strerror(error)));
    }
    return {};
}

}  // namespace

util::Expected<ShimReport> install_shims(const std::string& dir, const std::string& target) {
    if (target.empty() || target.front() != '/') {
        return util::fail(util::ErrorKind::Internal, fmt::format("shim target must be absolute, got '{}'", target));
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
        return util::fail(util::ErrorKind::Io, fmt::format("{}: cannot create the shim directory: {}", dir,
                                                           ec ? ec.message() : "exists and is not a directory"));
    }
    ShimReport report;
    for (const auto& name : shim_names()) {
        fs::path link = fs::path(dir) / name;
        if (links_to(link, target)) {
            report.unchanged.push_back(name);
            continue;
        }
        if (fs::is_directory(fs::symlink_status(link, ec))) {
            return util::fail(util::ErrorKind::Io, fmt::format("{}: is a directory, expected a shim", link.string()));
        }
        if (auto ok = replace_with_symlink(link, target); !ok) return tl::unexpected(ok.error());
        report.created.push_back(name);
    }
    util::sync_directory(dir);
    return report;
}

util::Expected<std::string> current_executable() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) {
        return util::fail(util::ErrorKind::Io, fmt::format("/proc/self/exe: cannot read: {}", ec.message()));
    }
    return self.string();
}

}  // namespace wb::cc
