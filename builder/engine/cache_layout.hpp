#pragma once
// Where things live. The store (WASM_BUILD_STORE; by default the cache itself) holds what is
// addressed by content or identity and never changes once written, so many caches may share it:
//   sources/sha256/<hex>                fetched sources (content-addressed)
//   toolchains/<name>-<id16>/           toolchain roots (see toolchain/root_store.hpp)
//   frontend/<root id16>-<abi8>/        the compiler front end's probe of a root for one set of ABI flags
//   runtimes/<npm>-<version>-<int>/     stock runtimes from npm, unpacked
//   tools/{build,runtime}/<hash16>/     the scripts the binary carries
// The build cache (kept outside the checkout, shared by all runs of one user):
//   builds/<name>/<key>/                one finished build: result.json (written last), prefix/, dist/, build.log
//   builds/<name>/.partial-<key16>/     the same while it builds; renamed to <key>/ once complete
//   logs/<variant>/<name>.log           the latest attempt's log, kept also on failure
//   work/<variant>/<name>-<key16>/      the unpacked, patched source while it builds
//   envs/                               working directories of test runs
#include <filesystem>
#include <string>

#include <vector>

#include "util/environment.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace wb::engine {

class CacheLayout {
public:
    explicit CacheLayout(std::filesystem::path root, std::filesystem::path store = {})
        : m_root(std::move(root)), m_store(store.empty() ? m_root : std::move(store)) {}

    const std::filesystem::path& root() const { return m_root; }
    const std::filesystem::path& store() const { return m_store; }
    std::filesystem::path sources() const { return m_store / "sources"; }
    std::filesystem::path builds(const std::string& name) const { return m_root / "builds" / name; }
    std::filesystem::path build_dir(const std::string& name, const std::string& key) const {
        return builds(name) / key;
    }
    /// Where a build is assembled before it is renamed to build_dir (never read as a finished build).
    std::filesystem::path partial_build_dir(const std::string& name, const std::string& key) const {
        return builds(name) / (".partial-" + key.substr(0, 16));
    }
    /// The lock held while one process builds name/key.
    std::filesystem::path build_lock(const std::string& name, const std::string& key) const {
        return builds(name) / ("." + key.substr(0, 16) + ".lock");
    }
    std::filesystem::path log(const std::string& variant, const std::string& name) const {
        return m_root / "logs" / variant / (name + ".log");
    }
    std::filesystem::path work(const std::string& variant, const std::string& name, const std::string& key) const {
        return m_root / "work" / variant / (name + "-" + key.substr(0, 16));
    }
    std::filesystem::path toolchains() const { return m_store / "toolchains"; }
    /// The front end probed in a root for calls with `abi_flags`: two flavours never share a probe.
    std::filesystem::path frontend(const std::string& root_identity, const std::vector<std::string>& abi_flags) const {
        return m_store / "frontend" /
               (root_identity.substr(0, 16) + "-" + util::sha256_hex(util::join(abi_flags, " ")).substr(0, 8));
    }
    std::filesystem::path runtimes() const { return m_store / "runtimes"; }
    std::filesystem::path tools() const { return m_store / "tools"; }
    std::filesystem::path envs() const { return m_root / "envs"; }
    std::filesystem::path tmp() const { return m_root / "tmp"; }

    /// WASM_BUILD_CACHE, else $XDG_CACHE_HOME/wasm-build, else ~/.cache/wasm-build.
    static std::filesystem::path default_root(const util::Environment& env);

private:
    std::filesystem::path m_root;
    std::filesystem::path m_store;
};

}  // namespace wb::engine
