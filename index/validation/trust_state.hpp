#pragma once
// What a client remembers between runs so that a later rollback or freeze is detected: the newest
// root it trusts and the versions of timestamp, snapshot and targets it last accepted. One state
// per trusted root (keyed by the hash of the root file the client started from).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace wb::index {

using util::Expected;

struct TrustedVersions {
    uint64_t timestamp = 0;
    uint64_t snapshot = 0;
    uint64_t targets = 0;
    /// sha256 of the files accepted at those versions: a file of the same version must be these
    /// very bytes (empty in states written before hashes were kept: not checked).
    std::string timestamp_sha256;
    std::string snapshot_sha256;
    std::string targets_sha256;
};

struct TrustState {
    std::string root_text;  ///< the newest trusted root.json, verbatim
    TrustedVersions versions;

    /// Reads dir/state.json; nullopt when there is none yet.
    static Expected<std::optional<TrustState>> load(const std::filesystem::path& dir);
    /// Writes dir/state.json atomically.
    Expected<void> save(const std::filesystem::path& dir) const;
};

/// $XDG_CACHE_HOME/wasm-build/trust, else $HOME/.cache/wasm-build/trust, from env.
std::filesystem::path default_trust_root(const util::Environment& env);

/// The state directory under state_root for clients that start from this root file's content.
std::filesystem::path trust_state_dir(const std::filesystem::path& state_root, const std::string& initial_root_text);

}  // namespace wb::index
