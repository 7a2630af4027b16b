#include <gtest/gtest.h>

#include "index/validation/roles.hpp"
#include "index/validation/signer.hpp"

namespace wb::index {
namespace {

using nlohmann::json;

struct Signers {
    PrivateKey a = PrivateKey::generate().value();
    PrivateKey b = PrivateKey::generate().value();
    PrivateKey outsider = PrivateKey::generate().value();

    RootMeta root(uint64_t threshold) const {
        RootMeta r;
        r.version = 1;
        r.expires = parse_utc("2031-01-01T00:00:00Z").value();
        r.keys = {{a.key_id(), a.public_key()}, {b.key_id(), b.public_key()}};
        for (Role role : k_all_roles) r.roles[role] = RoleKeys{{a.key_id(), b.key_id()}, threshold};
        return r;
    }
};

SignedEnvelope envelope(const std::string& text) { return SignedEnvelope::parse(text, "test.json").value(); }

TEST(Roles, UtcDatesRoundTripAndRejectJunk) {
    auto t = parse_utc("2030-02-28T23:59:58Z");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(format_utc(*t), "2030-02-28T23:59:58Z");
    EXPECT_FALSE(parse_utc("2030-02-28 23:59:58").has_value());
    EXPECT_FALSE(parse_utc("2030-13-01T00:00:00Z").has_value());
    EXPECT_FALSE(parse_utc("2030-01-01T00:00:00Zjunk").has_value());
}

TEST(Roles, RootRoundTripsThroughJson) {
    Signers s;
    RootMeta root = s.root(2);
    auto parsed = RootMeta::parse(root.to_json(), "root.json");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(parsed->roles, root.roles);
    EXPECT_EQ(parsed->keys, root.keys);
    EXPECT_EQ(parsed->expires, root.expires);
}

TEST(Roles, RootRejectsKeyIdThatIsNotTheKeysHash) {
    Signers s;
    json j = s.root(1).to_json();
    j["keys"]["0000"] = s.outsider.public_key().to_json();
    auto r = RootMeta::parse(j, "root.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("does not match"), std::string::npos) << r.error().message;
}

TEST(Roles, WrongTypeIsRefused) {
    TargetsMeta t;
    t.expires = parse_utc("2031-01-01T00:00:00Z").value();
    auto r = SnapshotMeta::parse(t.to_json(), "snapshot.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("\"_type\": \"snapshot\""), std::string::npos) << r.error().message;
}

TEST(Signer, ThresholdOfDistinctKeysIsMet) {
    Signers s;
    RootMeta root = s.root(2);
    auto text = sign_metadata(root.to_json(), {&s.a, &s.b}).value();
    EXPECT_TRUE(check_role_signatures(envelope(text), root, Role::Root, "root.json").has_value());
}

TEST(Signer, DuplicatedSignatureCountsOnce) {
    Signers s;
    RootMeta root = s.root(2);
    auto env = envelope(sign_metadata(root.to_json(), {&s.a}).value());
    env.signatures.push_back(env.signatures[0]);
    auto r = check_role_signatures(env, root, Role::Root, "root.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("duplicate signature"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("1 valid signature(s), threshold is 2"), std::string::npos);
}

TEST(Signer, SignatureByAKeyOutsideTheRoleDoesNotCount) {
    Signers s;
    RootMeta root = s.root(1);
    auto env = envelope(sign_metadata(root.to_json(), {&s.outsider}).value());
    auto r = check_role_signatures(env, root, Role::Timestamp, "timestamp.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("not a key of this role"), std::string::npos) << r.error().message;
}

TEST(Signer, SignatureClaimingAnAuthorizedKeyIdButMadeByAnotherKeyFails) {
    Signers s;
    RootMeta root = s.root(1);
    auto env = envelope(sign_metadata(root.to_json(), {&s.outsider}).value());
    env.signatures[0].key_id = s.a.key_id();
    auto r = check_role_signatures(env, root, Role::Root, "root.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("invalid signature by key " + s.a.key_id()), std::string::npos);
}

TEST(Signer, ChangedContentInvalidatesSignature) {
    Signers s;
    TargetsMeta t;
    t.expires = parse_utc("2031-01-01T00:00:00Z").value();
    t.targets["pyodide-lock.json"] = TargetFile{10, std::string(64, 'a')};
    std::string text = sign_metadata(t.to_json(), {&s.a}).value();
    json doc = json::parse(text);
    doc["signed"]["targets"]["pyodide-lock.json"]["length"] = 11;
    auto r = check_role_signatures(envelope(doc.dump()), s.root(1), Role::Targets, "targets.json");
    EXPECT_FALSE(r.has_value());
}

TEST(Signer, SignatureIsOverCanonicalFormNotFileLayout) {
    Signers s;
    RootMeta root = s.root(1);
    json doc = json::parse(sign_metadata(root.to_json(), {&s.a}).value());
    std::string reformatted = doc.dump(4);  // different whitespace, same content
    EXPECT_TRUE(check_role_signatures(envelope(reformatted), root, Role::Root, "root.json").has_value());
}

TEST(Signer, FloatsInSignedPartAreRefused) {
    auto r = SignedEnvelope::parse(R"({"signed": {"version": 1.5}, "signatures": []})", "x.json");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("x.json"), std::string::npos);
}

}  // namespace
}  // namespace wb::index
