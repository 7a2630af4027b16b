#pragma once
// The signing-key directory (never part of the repository tree): one Ed25519 PEM file per key,
// keys.json naming each role's key files and threshold, and retired/ holding replaced keys, which
// are still needed once to sign the root that introduces their successors.
#include <filesystem>
#include <map>
#include <vector>

#include "index/validation/keys.hpp"
#include "index/validation/roles.hpp"

namespace wb::index {

struct KeygenOptions {
    std::filesystem::path out;
    int root_keys = 1;       ///< number of root keys
    int root_threshold = 1;  ///< signatures a root needs
    /// Replace the keys of these roles in an existing directory (old ones move to retired/).
    std::vector<Role> rotate;
};

/// Creates a key directory, or rotates roles' keys in an existing one.
Expected<void> generate_keys(const KeygenOptions& options);

class KeySet {
public:
    /// Loads keys.json and every key file it names, plus retired/*.pem.
    static Expected<KeySet> load(const std::filesystem::path& dir);

    const std::vector<PrivateKey>& keys(Role role) const { return m_keys.at(role); }
    uint64_t threshold(Role role) const { return m_thresholds.at(role); }
    /// The role's key ids and threshold as root.json lists them.
    RoleKeys role_keys(Role role) const;
    /// A current or retired key with this id, or nullptr.
    const PrivateKey* find(const std::string& key_id) const;

private:
    std::map<Role, std::vector<PrivateKey>> m_keys;
    std::map<Role, uint64_t> m_thresholds;
    std::vector<PrivateKey> m_retired;
};

}  // namespace wb::index
