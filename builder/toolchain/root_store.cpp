#include "toolchain/root_store.hpp"

#include <algorithm>
#include <fstream>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archive/tree_archive.hpp"
#include "sandbox/sandbox.hpp"
#include "util/atomic_file.hpp"
#include "util/file_lock.hpp"
#include "util/file_util.hpp"
#include "util/scope_guard.hpp"
#include "util/strings.hpp"
#include "util/try.hpp"

namespace wb::toolchain {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;

namespace {

void log_line(const fs::path& log, const std::string& text) {
    std::ofstream out(log, std::ios::app);
    out << "wasm-build: " << text << "\n";
}

/// apt's complaint about a pin the archive does not serve, turned into what to do about it.
std::optional<std::string> unserved_pin(const fs::path& log) {
    auto text = util::read_file(log);
    if (!text) return std::nullopt;
    static const std::regex missing(R"(Version '([^']+)' for '([^']+)' was not found)");
    std::smatch m;
    if (std::regex_search(*text, m, missing)) return fmt::format("{}={}", m[2].str(), m[1].str());
    static const std::regex unknown(R"(Unable to locate package (\S+))");
    if (std::regex_search(*text, m, unknown)) return m[1].str();
    return std::nullopt;
}

std::string dir_name(const ToolchainSpec& spec) { return spec.name + "-" + spec.short_id(); }

uint64_t tree_bytes(const fs::path& dir) {
    uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && !it->is_symlink(ec)) total += it->file_size(ec);
    }
    return total;
}

}  // namespace

Expected<std::vector<std::string>> installed_manifest(const fs::path& root) {
    std::string status;
    WB_TRY_ASSIGN(status, util::read_file(root / "var/lib/dpkg/status"));
    std::vector<std::string> out;
    std::string package, version;
    bool installed = false;
    for (const auto& line : util::split(status + "\n\n", '\n')) {
        if (line.empty()) {
            if (!package.empty() && installed) out.push_back(package + "=" + version);
            package.clear(), version.clear(), installed = false;
        } else if (line.starts_with("Package: ")) {
            package = line.substr(9);
        } else if (line.starts_with("Version: ")) {
            version = line.substr(9);
        } else if (line.starts_with("Status: ")) {
            installed = line.ends_with(" installed");
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<RootInfo> RootStore::find(const ToolchainSpec& spec) const {
    if (spec.identity.empty()) return std::nullopt;
    fs::path dir = m_dir / dir_name(spec);
    std::error_code ec;
    if (!fs::exists(dir / "root.json", ec)) return std::nullopt;
    return RootInfo{spec.name, spec.identity, dir, 0};
}

Expected<void> RootStore::run_in_root(const fs::path& root, const std::string& what,
                                      const std::vector<std::string>& argv, bool network, const fs::path& log) {
    sandbox::SandboxSpec spec;
    spec.root = root;
    spec.writable_root = true;
    spec.network = network;
    sandbox::SandboxedRunner runner(m_runner, spec);
    util::Environment env{{"PATH", "/usr/sbin:/usr/bin:/sbin:/bin"}, {"HOME", "/root"}, {"LC_ALL", "C.UTF-8"},
                          {"DEBIAN_FRONTEND", "noninteractive"}, {"EM_CACHE", "/var/cache/emscripten"}};
    log_line(log, fmt::format("{}: {}", what, util::join(argv, " ")));
    util::Command cmd{argv, env, "/", log, {}, std::chrono::seconds(3600)};
    auto r = runner.run(cmd);
    if (!r) return tl::unexpected(r.error());
    if (r->interrupted) return util::fail(ErrorKind::Interrupted, "interrupted while making a toolchain root");
    if (!r->ok()) {
        return util::fail(ErrorKind::Build, fmt::format("{} failed (exit {}); see {}", what, r->exit_code, log.string()));
    }
    return {};
}

Expected<void> RootStore::make_root(const ToolchainSpec& spec, const fs::path& target,
                                    const std::vector<std::string>& pins, const fs::path& log) {
    if (!m_archive) WB_TRY_ASSIGN(m_archive, machine_archive());
    std::vector<std::string> boot = {"debootstrap", "--variant=" + spec.variant};
    if (!m_archive->keyring.empty()) boot.push_back("--keyring=" + m_archive->keyring);
    boot.insert(boot.end(), {spec.suite, target.string(), m_archive->uri});
    log_line(log, "debootstrap: " + util::join(boot, " "));
    util::Command cmd{boot, util::Environment{{"PATH", "/usr/sbin:/usr/bin:/sbin:/bin"}, {"LC_ALL", "C.UTF-8"}}, "/",
                      log, {}, std::chrono::seconds(3600)};
    auto r = m_runner.run(cmd);
    if (!r) return tl::unexpected(r.error());
    if (!r->ok()) {
        return util::fail(ErrorKind::Build, fmt::format("toolchain {}: debootstrap of '{}' from {} failed (exit {}); "
                                                        "see {}", spec.name, spec.suite, m_archive->uri, r->exit_code,
                                                        log.string()));
    }
    std::string conf;
    for (const auto& option : spec.apt_options) {
        auto eq = option.find('=');
        conf += fmt::format("{} \"{}\";\n", option.substr(0, eq), option.substr(eq + 1));
    }
    WB_TRY(util::write_file_atomic(target / "etc/apt/apt.conf.d/90wasm-build", conf));
    WB_TRY(run_in_root(target, "apt-get update", {"apt-get", "update", "-q"}, true, log));
    std::vector<std::string> install = {"apt-get", "install", "-y", "-q", "--no-install-recommends",
                                        "--allow-downgrades"};
    install.insert(install.end(), pins.begin(), pins.end());
    if (auto i = run_in_root(target, "apt-get install", install, true, log); !i) {
        if (auto pin = unserved_pin(log)) {
            return util::fail(ErrorKind::Build, fmt::format(
                "toolchain {}: the archive ({}) does not serve {}; nothing else was taken in its place. Re-pin: "
                "change that version in {} (or let the lock pick dependencies: `wasm-build toolchain lock {}`)",
                spec.name, m_archive->uri, *pin, spec.file.string(), spec.name));
        }
        return i;
    }
    for (const auto& command : spec.prepare) {
        WB_TRY(run_in_root(target, "prepare", {"bash", "-euo", "pipefail", "-c", command}, false, log));
    }
    WB_TRY(run_in_root(target, "clean", {"bash", "-c", "apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/*"}, false,
                       log));
    return {};
}

Expected<RootInfo> RootStore::ensure(const ToolchainSpec& spec, const fs::path& log) {
    if (spec.identity.empty()) {
        return util::fail(ErrorKind::Usage, fmt::format("toolchain {}: no lock file ({}); create it with `wasm-build "
                                                        "toolchain lock {}`", spec.name, spec.lock_file.string(),
                                                        spec.name));
    }
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    auto lock = util::FileLock::acquire(m_dir / (dir_name(spec) + ".lock"));
    if (!lock) return tl::unexpected(lock.error());
    if (auto found = find(spec)) return *found;
    fs::path dir = m_dir / dir_name(spec);
    util::remove_tree_quiet(dir);
    fs::path tmp;
    WB_TRY_ASSIGN(tmp, util::make_temp_dir(m_dir, ".making-" + spec.name + "-"));
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(tmp); });
    fs::create_directories(log.parent_path(), ec);
    { std::ofstream truncate(log, std::ios::trunc); }
    WB_TRY(make_root(spec, tmp / "root", spec.manifest, log));
    std::vector<std::string> got;
    WB_TRY_ASSIGN(got, installed_manifest(tmp / "root"));
    if (auto diff = manifest_differences(spec.manifest, got); !diff.empty()) {
        return util::fail(ErrorKind::Build, fmt::format("toolchain {}: the new root differs from {}: {}; re-lock with "
                                                        "`wasm-build toolchain lock {}` if that is intended",
                                                        spec.name, spec.lock_file.string(), util::join(diff, "; "),
                                                        spec.name));
    }
    nlohmann::json info = {{"name", spec.name}, {"identity", spec.identity}, {"suite", spec.suite},
                           {"archive", m_archive ? m_archive->uri : ""}, {"packages", got.size()},
                           {"prepare", spec.prepare}};
    WB_TRY(util::write_file_atomic(tmp / "root.json", info.dump(2) + "\n"));
    fs::rename(tmp, dir, ec);
    if (ec) return util::fail(ErrorKind::Io, fmt::format("{}: cannot move the new root into place: {}", dir.string(),
                                                         ec.message()));
    cleanup.dismiss();
    util::sync_directory(m_dir);
    return RootInfo{spec.name, spec.identity, dir, 0};
}

Expected<std::vector<std::string>> RootStore::resolve_manifest(const ToolchainSpec& spec, const fs::path& log) {
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    fs::path tmp;
    WB_TRY_ASSIGN(tmp, util::make_temp_dir(m_dir, ".locking-" + spec.name + "-"));
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(tmp); });
    fs::create_directories(log.parent_path(), ec);
    { std::ofstream truncate(log, std::ios::trunc); }
    WB_TRY(make_root(spec, tmp / "root", spec.packages, log));
    return installed_manifest(tmp / "root");
}

std::vector<RootInfo> RootStore::list() const {
    std::vector<RootInfo> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_dir, ec)) {
        auto text = util::read_file(e.path() / "root.json");
        if (!text) continue;
        auto j = nlohmann::json::parse(*text, nullptr, false);
        if (!j.is_object() || !j.contains("name") || !j.contains("identity")) continue;
        out.push_back(RootInfo{j.value("name", ""), j.value("identity", ""), e.path(), tree_bytes(e.path() / "root")});
    }
    std::sort(out.begin(), out.end(), [](const RootInfo& a, const RootInfo& b) { return a.dir < b.dir; });
    return out;
}

Expected<void> RootStore::export_root(const RootInfo& root, const fs::path& file) const {
    // debootstrap leaves device nodes in the root's /dev; sandboxes mount their own /dev over it.
    return archive::pack_tree(root.dir, file, {.skip_special_files = true});
}

Expected<RootInfo> RootStore::import_root(const fs::path& file) {
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    fs::path tmp;
    WB_TRY_ASSIGN(tmp, util::make_temp_dir(m_dir, ".importing-"));
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(tmp); });
    WB_TRY(archive::unpack_tree(file, tmp / "tree"));
    std::string text;
    WB_TRY_ASSIGN(text, util::read_file(tmp / "tree/root.json"));
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object() || !j["name"].is_string() || !j["identity"].is_string() || !j["prepare"].is_array()) {
        return util::fail(ErrorKind::Input, fmt::format("{}: root.json: expected name, identity and prepare",
                                                        file.string()));
    }
    std::vector<std::string> manifest;
    WB_TRY_ASSIGN(manifest, installed_manifest(tmp / "tree/root"));
    std::string identity = manifest_identity(manifest, j["prepare"].get<std::vector<std::string>>());
    if (identity != j["identity"].get<std::string>()) {
        return util::fail(ErrorKind::Integrity, fmt::format("{}: the root's packages give identity {}, but it claims "
                                                            "{}", file.string(), identity, j["identity"].get<std::string>()));
    }
    RootInfo info{j["name"].get<std::string>(), identity, m_dir / (j["name"].get<std::string>() + "-" +
                                                                   identity.substr(0, 16)), 0};
    auto lock = util::FileLock::acquire(m_dir / (info.dir.filename().string() + ".lock"));
    if (!lock) return tl::unexpected(lock.error());
    if (fs::exists(info.dir / "root.json", ec)) return info;  // the same root is already here
    util::remove_tree_quiet(info.dir);
    fs::rename(tmp / "tree", info.dir, ec);
    if (ec) return util::fail(ErrorKind::Io, fmt::format("{}: cannot move into place: {}", info.dir.string(), ec.message()));
    util::sync_directory(m_dir);
    return info;
}

std::vector<RootInfo> RootStore::gc(const std::vector<std::string>& keep) {
    std::vector<RootInfo> removed;
    for (auto& info : list()) {
        if (std::find(keep.begin(), keep.end(), info.identity) != keep.end()) continue;
        auto lock = util::FileLock::acquire(m_dir / (info.dir.filename().string() + ".lock"));
        if (!lock) continue;
        std::error_code ec;
        fs::remove(info.dir / "root.json", ec);  // first: a half-removed root is never taken for a root
        util::remove_tree_quiet(info.dir);
        removed.push_back(info);
    }
    return removed;
}

}  // namespace wb::toolchain
