#pragma once
// repodata.sqlite: the repository's content as an SQLite database (schema in docs/index-sqlite.md)
// for queries such as "which package provides import X" and "what depends on Y". Publish writes
// it; the next publish reads it back to reuse what it knows of unchanged wheels.
#include <filesystem>
#include <string>
#include <vector>

#include "index/publish/catalog.hpp"
#include "index/publish/lock_file.hpp"
#include "util/error.hpp"

namespace wb::index {

using util::Expected;

/// The schema version stored in PRAGMA user_version.
inline constexpr int k_sqlite_schema_version = 1;

/// Writes a new database file at path (which must not exist) holding catalog and the lock info.
Expected<void> write_repodata_db(const std::filesystem::path& path, const Catalog& catalog, const LockInfo& info);

/// Reads every wheel record back from a database written by write_repodata_db.
Expected<Catalog> read_repodata_db(const std::filesystem::path& path);

/// Packages (normalized names) whose lock entry lists import_name.
Expected<std::vector<std::string>> packages_providing_import(const std::filesystem::path& db,
                                                             const std::string& import_name);

/// Packages (normalized names) whose lock entry depends on project.
Expected<std::vector<std::string>> packages_depending_on(const std::filesystem::path& db, const std::string& project);

}  // namespace wb::index
