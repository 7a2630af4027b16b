#pragma once
// Signed metadata envelopes {"signed": ..., "signatures": [{"keyid", "sig"}]}: signing the canonical
// JSON of "signed" with a role's keys, and checking that enough distinct authorized keys signed.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/validation/keys.hpp"
#include "index/validation/roles.hpp"

namespace wb::index {

struct Signature {
    std::string key_id;
    std::string sig_hex;
};

struct SignedEnvelope {
    nlohmann::json signed_part;
    std::vector<Signature> signatures;
    std::string canonical_signed;  ///< the bytes the signatures cover

    /// Parses a metadata file's text strictly (parse_strict_json: bounded depth, no duplicate keys);
    /// where names the file in errors.
    static Expected<SignedEnvelope> parse(std::string_view text, std::string_view where);
};

/// Signs signed_part with every key and returns the file text of the envelope.
Expected<std::string> sign_metadata(const nlohmann::json& signed_part, const std::vector<const PrivateKey*>& keys);

/// Succeeds when at least role_keys.threshold distinct key ids of role_keys made valid signatures
/// (a signature repeated, or by a key outside the role, counts for nothing). where names the file.
Expected<void> check_signatures(const SignedEnvelope& envelope, const std::map<std::string, PublicKey>& keys,
                                const RoleKeys& role_keys, std::string_view where);

/// check_signatures with the keys and threshold root gives role.
Expected<void> check_role_signatures(const SignedEnvelope& envelope, const RootMeta& root, Role role,
                                     std::string_view where);

}  // namespace wb::index
