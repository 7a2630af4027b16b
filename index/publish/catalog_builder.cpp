#include "index/publish/catalog_builder.hpp"

#include <fmt/format.h>

#include "index/publish/wheel_inspector.hpp"
#include "specs/version.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

Expected<std::vector<fs::path>> list_wheels(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return fail(ErrorKind::Input, fmt::format("{}: not a directory of wheels", dir.string()));
    std::vector<fs::path> wheels;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        bool package = entry.path().extension() == ".whl" || is_shared_library_package(name);
        if (package && entry.is_regular_file(ec)) wheels.push_back(entry.path());
    }
    if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot list: {}", dir.string(), ec.message()));
    std::sort(wheels.begin(), wheels.end());
    return wheels;
}

/// Fails when two wheels claim one project and version.
Expected<void> check_duplicates(const ScannedWheels& scanned) {
    std::map<std::pair<std::string, std::string>, std::string> seen;
    for (const auto& [file, r] : scanned.catalog) {
        auto v = specs::Version::parse(r.version);
        std::string version = v ? v->str() : r.version;
        auto [it, fresh] = seen.emplace(std::pair{r.project, version}, file);
        if (!fresh) {
            return fail(ErrorKind::Input, fmt::format("{} and {} both claim {} {}; keep one of them",
                                                      scanned.sources.at(it->second).string(),
                                                      scanned.sources.at(file).string(), r.project, version));
        }
    }
    return {};
}

}  // namespace

Expected<ScannedWheels> scan_wheels(const fs::path& wheels_dir, const Catalog& previous) {
    auto wheels = list_wheels(wheels_dir);
    if (!wheels) return tl::unexpected(wheels.error());
    ScannedWheels out;
    for (const fs::path& wheel : *wheels) {
        std::error_code ec;
        uint64_t size = fs::file_size(wheel, ec);
        auto sha = util::sha256_file_hex(wheel);
        if (ec || !sha) return fail(ErrorKind::Io, fmt::format("{}: cannot read", wheel.string()));
        std::string name = wheel.filename().string();
        out.sources[name] = wheel;
        auto old = previous.find(name);
        if (old != previous.end() && old->second.sha256 == *sha && old->second.size == size) {
            out.catalog.emplace(name, old->second);
            ++out.reused;
            continue;
        }
        auto inspected = is_shared_library_package(name) ? inspect_shared_library(wheel, *sha, size)
                                                          : inspect_wheel(wheel, *sha, size);
        if (!inspected) return tl::unexpected(inspected.error());
        out.catalog.emplace(name, std::move(inspected->record));
        out.new_metadata.emplace(name, std::move(inspected->metadata));
    }
    if (auto r = check_duplicates(out); !r) return tl::unexpected(r.error());
    return out;
}

}  // namespace wb::index
