#pragma once
// Where things live in the build cache (kept outside the checkout, shared by all runs):
//   sources/sha256/<hex>                       fetched source archives (content-addressed)
//   builds/<platform>/<name>/<key>/            one finished build: result.json, prefix/, dist/, build.log
//   logs/<platform>/<name>.log                 the latest attempt's log, kept also on failure
//   work/<platform>/<name>-<key>/              the unpacked, patched source while it builds
//   toolchain/, envs/                          front-end configuration; site-packages for runs
#include <filesystem>
#include <string>

namespace wb::engine {

class CacheLayout {
public:
    explicit CacheLayout(std::filesystem::path root) : m_root(std::move(root)) {}

    const std::filesystem::path& root() const { return m_root; }
    std::filesystem::path sources() const { return m_root / "sources"; }
    std::filesystem::path builds(const std::string& platform, const std::string& name) const {
        return m_root / "builds" / platform / name;
    }
    std::filesystem::path build_dir(const std::string& platform, const std::string& name, const std::string& key) const {
        return builds(platform, name) / key;
    }
    std::filesystem::path log(const std::string& platform, const std::string& name) const {
        return m_root / "logs" / platform / (name + ".log");
    }
    std::filesystem::path work(const std::string& platform, const std::string& name, const std::string& key) const {
        return m_root / "work" / platform / (name + "-" + key.substr(0, 16));
    }
    std::filesystem::path envs() const { return m_root / "envs"; }
    std::filesystem::path tmp() const { return m_root / "tmp"; }

    /// WASM_BUILD_CACHE, else $XDG_CACHE_HOME/wasm-build, else ~/.cache/wasm-build.
    static std::filesystem::path default_root();

private:
    std::filesystem::path m_root;
};

}  // namespace wb::engine
