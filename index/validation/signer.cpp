#include "index/validation/signer.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "index/validation/canonical_json.hpp"
#include "index/validation/strict_json.hpp"
#include "util/strings.hpp"

namespace wb::index {
using nlohmann::json;
using util::ErrorKind;
using util::fail;

Expected<SignedEnvelope> SignedEnvelope::parse(std::string_view text, std::string_view where) {
    auto parsed = parse_strict_json(text, where);
    if (!parsed) return tl::unexpected(parsed.error());
    json& doc = *parsed;
    if (!doc.is_object() || !doc.contains("signed") || !doc["signed"].is_object() || !doc.contains("signatures") ||
        !doc["signatures"].is_array()) {
        return fail(ErrorKind::Integrity, fmt::format("{}: expected an object with \"signed\" and \"signatures\"", where));
    }
    SignedEnvelope env;
    env.signed_part = std::move(doc["signed"]);
    for (const auto& s : doc["signatures"]) {
        if (!s.is_object() || !s.contains("keyid") || !s["keyid"].is_string() || !s.contains("sig") ||
            !s["sig"].is_string()) {
            return fail(ErrorKind::Integrity, fmt::format("{}: each signature needs \"keyid\" and \"sig\" strings", where));
        }
        env.signatures.push_back({s["keyid"].get<std::string>(), s["sig"].get<std::string>()});
    }
    auto canonical = canonical_json(env.signed_part);
    if (!canonical) {
        return fail(ErrorKind::Integrity, fmt::format("{}: {}", where, canonical.error().message));
    }
    env.canonical_signed = std::move(*canonical);
    return env;
}

Expected<std::string> sign_metadata(const json& signed_part, const std::vector<const PrivateKey*>& keys) {
    auto canonical = canonical_json(signed_part);
    if (!canonical) return tl::unexpected(canonical.error());
    json doc = {{"signed", signed_part}, {"signatures", json::array()}};
    for (const PrivateKey* key : keys) {
        auto sig = key->sign_hex(*canonical);
        if (!sig) return tl::unexpected(sig.error());
        doc["signatures"].push_back({{"keyid", key->key_id()}, {"sig", *sig}});
    }
    return doc.dump(1) + "\n";
}

Expected<void> check_signatures(const SignedEnvelope& envelope, const std::map<std::string, PublicKey>& keys,
                                const RoleKeys& role_keys, std::string_view where) {
    std::set<std::string> counted;
    std::vector<std::string> notes;
    for (const Signature& sig : envelope.signatures) {
        bool authorized = std::find(role_keys.key_ids.begin(), role_keys.key_ids.end(), sig.key_id) !=
                          role_keys.key_ids.end();
        auto key = keys.find(sig.key_id);
        if (!authorized || key == keys.end()) {
            notes.push_back(fmt::format("signature by key {} which is not a key of this role", sig.key_id));
        } else if (counted.contains(sig.key_id)) {
            notes.push_back(fmt::format("duplicate signature by key {} counted once", sig.key_id));
        } else if (!verify_signature(key->second, envelope.canonical_signed, sig.sig_hex)) {
            notes.push_back(fmt::format("invalid signature by key {}", sig.key_id));
        } else {
            counted.insert(sig.key_id);
        }
    }
    if (counted.size() >= role_keys.threshold) return {};
    std::string detail = notes.empty() ? "" : " (" + util::join(notes, "; ") + ")";
    return fail(ErrorKind::Integrity, fmt::format("{}: {} valid signature(s), threshold is {}{}", where, counted.size(),
                                                  role_keys.threshold, detail));
}

Expected<void> check_role_signatures(const SignedEnvelope& envelope, const RootMeta& root, Role role,
                                     std::string_view where) {
    return check_signatures(envelope, root.keys, root.role(role), where);
}

}  // namespace wb::index
