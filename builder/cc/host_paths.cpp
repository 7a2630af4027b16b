#include "cc/host_paths.hpp"

#include <cctype>
#include <filesystem>

namespace wb::cc {
namespace {

constexpr std::string_view k_include_roots[] = {"/usr/include", "/usr/local/include"};

constexpr std::string_view k_library_roots[] = {
    "/usr/lib",         "/usr/lib32", "/usr/lib64", "/usr/libx32", "/usr/local/lib",
    "/usr/local/lib64", "/lib",       "/lib32",     "/lib64",      "/libx32",
};

bool is_under(std::string_view path, std::string_view root) {
    return path == root || (path.size() > root.size() && path.starts_with(root) && path[root.size()] == '/');
}

bool under_any(std::string_view path, auto const& roots) {
    for (std::string_view root : roots) {
        if (is_under(path, root)) return true;
    }
    return false;
}

/// "python3.11", "python3.11d", "python3": Python's include directory names.
bool is_python_dir_name(std::string_view name) {
    if (!name.starts_with("python") || name.size() == 6) return false;
    std::string_view rest = name.substr(6);
    if (!std::isdigit(static_cast<unsigned char>(rest.front()))) return false;
    size_t i = 0;
    while (i < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[i])) || rest[i] == '.')) ++i;
    for (; i < rest.size(); ++i) {
        if (!std::islower(static_cast<unsigned char>(rest[i]))) return false;
    }
    return true;
}

bool is_library_file_name(std::string_view name) {
    return name.ends_with(".a") || name.ends_with(".so") || name.ends_with(".o") ||
           name.find(".so.") != std::string_view::npos;
}

}  // namespace

std::string normalize_path(std::string_view path) {
    if (path.empty()) return {};
    std::string normal = std::filesystem::path(path).lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
    return normal;
}

HostPaths::HostPaths(std::vector<std::string> toolchain_dirs) {
    for (const auto& dir : toolchain_dirs) {
        if (!dir.empty()) m_toolchain_dirs.push_back(normalize_path(dir));
    }
}

bool HostPaths::is_host_dir(std::string_view path) const {
    if (path.empty() || path.front() != '/') return false;
    std::string normal = normalize_path(path);
    if (under_any(normal, m_toolchain_dirs)) return false;
    return under_any(normal, k_include_roots) || under_any(normal, k_library_roots);
}

bool HostPaths::is_python_include(std::string_view path) const {
    if (!is_host_dir(path)) return false;
    std::string normal = normalize_path(path);
    std::string_view name = std::string_view(normal).substr(normal.rfind('/') + 1);
    return is_python_dir_name(name);
}

bool HostPaths::is_host_library_file(std::string_view path) const {
    if (path.empty() || path.front() != '/') return false;
    std::string normal = normalize_path(path);
    if (under_any(normal, m_toolchain_dirs) || !under_any(normal, k_library_roots)) return false;
    return is_library_file_name(std::string_view(normal).substr(normal.rfind('/') + 1));
}

}  // namespace wb::cc
