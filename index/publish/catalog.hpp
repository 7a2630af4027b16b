#pragma once
// What the repository holds: one record per wheel, with what the simple pages, the lock file and
// the SQLite database are rendered from. The wheel-facing half comes from inspecting the wheel, the
// lock-facing half (imports, depends, package type...) from recipes' metadata or from the wheel.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace wb::index {

struct PackageRecord {
    std::string file_name;     ///< the wheel's file name
    std::string project;       ///< PEP 503 normalized name
    std::string name;          ///< the Name of METADATA
    std::string version;       ///< the Version of METADATA
    std::string python_tag;
    std::string abi_tag;
    std::string platform_tag;
    uint64_t size = 0;
    std::string sha256;
    uint64_t metadata_size = 0;     ///< of the METADATA file served as <wheel>.metadata
    std::string metadata_sha256;
    std::string requires_python;    ///< empty when the wheel declares none
    std::string summary;
    std::vector<std::string> requires_dist;  ///< Requires-Dist lines as written
    std::vector<std::string> top_level;      ///< import names found in the wheel

    // Lock-file fields (filled by apply_recipe_metadata / derive_lock_fields).
    std::vector<std::string> imports;
    std::vector<std::string> depends;
    std::string package_type = "package";
    std::string install_dir = "site";
    bool shared_library = false;
    bool unvendored_tests = false;
};

/// Every wheel of a repository, by file name.
using Catalog = std::map<std::string, PackageRecord>;

/// The highest version of each project, by project name: the wheels the lock file lists.
std::map<std::string, const PackageRecord*> latest_by_project(const Catalog& catalog);

/// Every wheel of each project, by project name, in ascending version order.
std::map<std::string, std::vector<const PackageRecord*>> files_by_project(const Catalog& catalog);

}  // namespace wb::index
