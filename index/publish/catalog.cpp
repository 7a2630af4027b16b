#include "index/publish/catalog.hpp"

#include <algorithm>

#include "specs/version.hpp"

namespace wb::index {

namespace {

/// PEP 440 order when both versions parse, text order otherwise (then by file name).
bool version_less(const PackageRecord* a, const PackageRecord* b) {
    auto va = specs::Version::parse(a->version);
    auto vb = specs::Version::parse(b->version);
    if (va && vb && *va != *vb) return *va < *vb;
    if (!va || !vb) {
        if (a->version != b->version) return a->version < b->version;
    }
    return a->file_name < b->file_name;
}

}  // namespace

std::map<std::string, std::vector<const PackageRecord*>> files_by_project(const Catalog& catalog) {
    std::map<std::string, std::vector<const PackageRecord*>> projects;
    for (const auto& [file, record] : catalog) projects[record.project].push_back(&record);
    for (auto& [project, records] : projects) std::sort(records.begin(), records.end(), version_less);
    return projects;
}

std::map<std::string, const PackageRecord*> latest_by_project(const Catalog& catalog) {
    std::map<std::string, const PackageRecord*> latest;
    for (const auto& [project, records] : files_by_project(catalog)) latest.emplace(project, records.back());
    return latest;
}

}  // namespace wb::index
