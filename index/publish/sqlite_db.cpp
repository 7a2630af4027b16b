#include "index/publish/sqlite_db.hpp"

#include <sqlite3.h>

#include <memory>

#include <fmt/format.h>

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

constexpr const char* k_schema = R"sql(
CREATE TABLE repository_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
  file_name TEXT PRIMARY KEY, package TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
  python_tag TEXT NOT NULL, abi_tag TEXT NOT NULL, platform_tag TEXT NOT NULL,
  size INTEGER NOT NULL, sha256 TEXT NOT NULL, metadata_size INTEGER NOT NULL, metadata_sha256 TEXT NOT NULL,
  requires_python TEXT, summary TEXT);
CREATE TABLE requirements (file_name TEXT NOT NULL REFERENCES files(file_name), position INTEGER NOT NULL,
  requirement TEXT NOT NULL, PRIMARY KEY (file_name, position));
CREATE TABLE file_top_level (file_name TEXT NOT NULL REFERENCES files(file_name), name TEXT NOT NULL,
  PRIMARY KEY (file_name, name));
CREATE TABLE packages (
  name TEXT PRIMARY KEY, display_name TEXT NOT NULL, version TEXT NOT NULL,
  file_name TEXT NOT NULL REFERENCES files(file_name), package_type TEXT NOT NULL, install_dir TEXT NOT NULL,
  shared_library INTEGER NOT NULL, unvendored_tests INTEGER NOT NULL);
CREATE TABLE imports (package TEXT NOT NULL REFERENCES packages(name), import_name TEXT NOT NULL,
  PRIMARY KEY (package, import_name));
CREATE TABLE dependencies (package TEXT NOT NULL REFERENCES packages(name), depends_on TEXT NOT NULL,
  PRIMARY KEY (package, depends_on));
CREATE INDEX files_by_package ON files(package);
CREATE INDEX imports_by_name ON imports(import_name);
CREATE INDEX dependencies_by_target ON dependencies(depends_on);
)sql";

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

/// One open database; every failure names the file and SQLite's message.
class Database {
public:
    static Expected<Database> open(const fs::path& path, int flags) {
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
        Database db(path, raw);
        if (rc != SQLITE_OK) return db.error("open");
        return db;
    }

    Expected<void> exec(const char* sql) {
        if (sqlite3_exec(m_db.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error("exec");
        return {};
    }

    Expected<std::unique_ptr<sqlite3_stmt, StmtFinalizer>> prepare(const char* sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(m_db.get(), sql, -1, &s, nullptr) != SQLITE_OK) return error("prepare");
        return std::unique_ptr<sqlite3_stmt, StmtFinalizer>(s);
    }

    /// Binds the values in order, runs the statement once, and resets it.
    template <class... Values>
    Expected<void> run(sqlite3_stmt* s, const Values&... values) {
        int i = 0;
        (bind(s, ++i, values), ...);
        int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) return error("insert");
        return {};
    }

    tl::unexpected<util::Error> error(const char* what) const {
        return fail(ErrorKind::Io, fmt::format("{}: SQLite {} failed: {}", m_path.string(), what,
                                               m_db ? sqlite3_errmsg(m_db.get()) : "out of memory"));
    }

private:
    Database(fs::path path, sqlite3* db) : m_path(std::move(path)), m_db(db) {}
    static void bind(sqlite3_stmt* s, int i, const std::string& v) {
        sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    }
    static void bind(sqlite3_stmt* s, int i, uint64_t v) { sqlite3_bind_int64(s, i, static_cast<sqlite3_int64>(v)); }
    static void bind(sqlite3_stmt* s, int i, bool v) { sqlite3_bind_int(s, i, v ? 1 : 0); }
    static void bind(sqlite3_stmt* s, int i, int v) { sqlite3_bind_int(s, i, v); }
    fs::path m_path;
    std::unique_ptr<sqlite3, DbCloser> m_db;
};

std::string column_text(sqlite3_stmt* s, int i) {
    const unsigned char* t = sqlite3_column_text(s, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

Expected<void> insert_files(Database& db, const Catalog& catalog) {
    auto file = db.prepare("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto req = db.prepare("INSERT INTO requirements VALUES (?,?,?)");
    auto top = db.prepare("INSERT OR IGNORE INTO file_top_level VALUES (?,?)");
    if (!file || !req || !top) return tl::unexpected(!file ? file.error() : !req ? req.error() : top.error());
    for (const auto& [name, r] : catalog) {
        auto ok = db.run(file->get(), r.file_name, r.project, r.name, r.version, r.python_tag, r.abi_tag,
                         r.platform_tag, r.size, r.sha256, r.metadata_size, r.metadata_sha256, r.requires_python,
                         r.summary);
        if (!ok) return ok;
        for (size_t i = 0; i < r.requires_dist.size(); ++i) {
            if (auto k = db.run(req->get(), r.file_name, static_cast<uint64_t>(i), r.requires_dist[i]); !k) return k;
        }
        for (const std::string& t : r.top_level) {
            if (auto k = db.run(top->get(), r.file_name, t); !k) return k;
        }
    }
    return {};
}

Expected<void> insert_packages(Database& db, const Catalog& catalog) {
    auto pkg = db.prepare("INSERT INTO packages VALUES (?,?,?,?,?,?,?,?)");
    auto imp = db.prepare("INSERT OR IGNORE INTO imports VALUES (?,?)");
    auto dep = db.prepare("INSERT OR IGNORE INTO dependencies VALUES (?,?)");
    if (!pkg || !imp || !dep) return tl::unexpected(!pkg ? pkg.error() : !imp ? imp.error() : dep.error());
    for (const auto& [project, r] : latest_by_project(catalog)) {
        auto ok = db.run(pkg->get(), project, r->name, r->version, r->file_name, r->package_type, r->install_dir,
                         r->shared_library, r->unvendored_tests);
        if (!ok) return ok;
        for (const std::string& i : r->imports) {
            if (auto k = db.run(imp->get(), project, i); !k) return k;
        }
        for (const std::string& d : r->depends) {
            if (auto k = db.run(dep->get(), project, d); !k) return k;
        }
    }
    return {};
}

Expected<std::vector<std::string>> query_names(const fs::path& path, const char* sql, const std::string& arg) {
    auto db = Database::open(path, SQLITE_OPEN_READONLY);
    if (!db) return tl::unexpected(db.error());
    auto s = db->prepare(sql);
    if (!s) return tl::unexpected(s.error());
    sqlite3_bind_text(s->get(), 1, arg.data(), static_cast<int>(arg.size()), SQLITE_TRANSIENT);
    std::vector<std::string> names;
    int rc;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) names.push_back(column_text(s->get(), 0));
    if (rc != SQLITE_DONE) return db->error("query");
    return names;
}

}  // namespace

Expected<void> write_repodata_db(const fs::path& path, const Catalog& catalog, const LockInfo& info) {
    if (fs::exists(path)) return fail(ErrorKind::Internal, fmt::format("{}: already exists", path.string()));
    auto db = Database::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db) return tl::unexpected(db.error());
    auto pragma = fmt::format("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA user_version={};",
                              k_sqlite_schema_version);
    if (auto r = db->exec(pragma.c_str()); !r) return r;
    if (auto r = db->exec("BEGIN"); !r) return r;
    if (auto r = db->exec(k_schema); !r) return r;
    auto kv = db->prepare("INSERT INTO repository_info VALUES (?,?)");
    if (!kv) return tl::unexpected(kv.error());
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"arch", info.arch}, {"platform", info.platform},
                                     {"version", info.version}, {"python", info.python},
                                     {"abi_version", info.abi_version}}) {
        if (auto r = db->run(kv->get(), key, value); !r) return r;
    }
    if (auto r = insert_files(*db, catalog); !r) return r;
    if (auto r = insert_packages(*db, catalog); !r) return r;
    kv->reset();
    return db->exec("COMMIT");
}

Expected<Catalog> read_repodata_db(const fs::path& path) {
    auto db = Database::open(path, SQLITE_OPEN_READONLY);
    if (!db) return tl::unexpected(db.error());
    auto files = db->prepare(
        "SELECT file_name, package, name, version, python_tag, abi_tag, platform_tag, size, sha256, metadata_size, "
        "metadata_sha256, requires_python, summary FROM files");
    auto reqs = db->prepare("SELECT file_name, requirement FROM requirements ORDER BY file_name, position");
    auto tops = db->prepare("SELECT file_name, name FROM file_top_level ORDER BY file_name, name");
    if (!files || !reqs || !tops) return db->error("read");
    Catalog catalog;
    while (sqlite3_step(files->get()) == SQLITE_ROW) {
        sqlite3_stmt* s = files->get();
        PackageRecord r;
        r.file_name = column_text(s, 0);
        r.project = column_text(s, 1);
        r.name = column_text(s, 2);
        r.version = column_text(s, 3);
        r.python_tag = column_text(s, 4);
        r.abi_tag = column_text(s, 5);
        r.platform_tag = column_text(s, 6);
        r.size = static_cast<uint64_t>(sqlite3_column_int64(s, 7));
        r.sha256 = column_text(s, 8);
        r.metadata_size = static_cast<uint64_t>(sqlite3_column_int64(s, 9));
        r.metadata_sha256 = column_text(s, 10);
        r.requires_python = column_text(s, 11);
        r.summary = column_text(s, 12);
        catalog.emplace(r.file_name, std::move(r));
    }
    while (sqlite3_step(reqs->get()) == SQLITE_ROW) {
        auto it = catalog.find(column_text(reqs->get(), 0));
        if (it != catalog.end()) it->second.requires_dist.push_back(column_text(reqs->get(), 1));
    }
    while (sqlite3_step(tops->get()) == SQLITE_ROW) {
        auto it = catalog.find(column_text(tops->get(), 0));
        if (it != catalog.end()) it->second.top_level.push_back(column_text(tops->get(), 1));
    }
    return catalog;
}

Expected<std::vector<std::string>> packages_providing_import(const fs::path& db, const std::string& import_name) {
    return query_names(db, "SELECT package FROM imports WHERE import_name = ?1 ORDER BY package", import_name);
}

Expected<std::vector<std::string>> packages_depending_on(const fs::path& db, const std::string& project) {
    return query_names(db, "SELECT package FROM dependencies WHERE depends_on = ?1 ORDER BY package", project);
}

}  // namespace wb::index
