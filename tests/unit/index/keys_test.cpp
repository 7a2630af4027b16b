#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "index/validation/key_store.hpp"
#include "index/validation/keys.hpp"
#include "publish_test_support.hpp"
#include "util/encoding.hpp"

namespace wb::index {
namespace {

using testing::TempDir;

TEST(Keys, SignatureVerifiesOnlyForItsMessageAndKey) {
    auto a = PrivateKey::generate().value();
    auto b = PrivateKey::generate().value();
    std::string sig = a.sign_hex("hello").value();
    EXPECT_EQ(sig.size(), 128u);
    EXPECT_TRUE(verify_signature(a.public_key(), "hello", sig));
    EXPECT_FALSE(verify_signature(a.public_key(), "hellO", sig));
    EXPECT_FALSE(verify_signature(b.public_key(), "hello", sig));
    EXPECT_FALSE(verify_signature(a.public_key(), "hello", sig.substr(2)));
    EXPECT_NE(a.key_id(), b.key_id());
}

// The vectors every Ed25519 verifier of the project checks (tests/data/ed25519/rfc8032.json: this one,
// OpenSSL's; verified_install's pure-Python one under CPython, and both of its backends in Pyodide).
TEST(Keys, Rfc8032VectorsVerifyAndTheirAlterationsDoNot) {
    std::ifstream in(std::string(WB_TEST_DATA) + "/ed25519/rfc8032.json");
    std::stringstream text;
    text << in.rdbuf();
    auto vectors = nlohmann::json::parse(text.str()).at("vectors");
    ASSERT_EQ(vectors.size(), 5u);
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.at("name").get<std::string>());
        PublicKey key{v.at("public").get<std::string>()};
        std::string message = util::hex_decode(v.at("message").get<std::string>()).value();
        std::string sig = v.at("signature").get<std::string>();
        EXPECT_TRUE(verify_signature(key, message, sig));
        EXPECT_FALSE(verify_signature(key, message + std::string(1, '\0'), sig));
        std::string flipped = sig;
        flipped[127] = flipped[127] == '0' ? '1' : '0';
        EXPECT_FALSE(verify_signature(key, message, flipped));
    }
}

TEST(Keys, PemRoundTripIsPrivateAndNeverOverwrites) {
    TempDir dir;
    auto key = PrivateKey::generate().value();
    ASSERT_TRUE(key.save_pem(dir / "k.pem").has_value());
    struct stat st {};
    ASSERT_EQ(::stat((dir / "k.pem").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    auto loaded = PrivateKey::load_pem(dir / "k.pem");
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_EQ(loaded->key_id(), key.key_id());
    auto other = PrivateKey::generate().value();
    EXPECT_FALSE(other.save_pem(dir / "k.pem").has_value());
    EXPECT_EQ(PrivateKey::load_pem(dir / "k.pem")->key_id(), key.key_id());
}

TEST(Keys, LoadRejectsNonKeys) {
    TempDir dir;
    testing::write_text(dir / "junk.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    auto r = PrivateKey::load_pem(dir / "junk.pem");
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("junk.pem"), std::string::npos);
}

TEST(KeyStore, KeygenMakesOneKeyPerRoleAndRootThreshold) {
    TempDir dir;
    testing::make_keys(dir / "keys", 3, 2);
    auto set = KeySet::load(dir / "keys");
    ASSERT_TRUE(set.has_value()) << set.error().message;
    EXPECT_EQ(set->keys(Role::Root).size(), 3u);
    EXPECT_EQ(set->threshold(Role::Root), 2u);
    EXPECT_EQ(set->keys(Role::Timestamp).size(), 1u);
    EXPECT_EQ(set->role_keys(Role::Root).key_ids.size(), 3u);
    struct stat st {};
    ASSERT_EQ(::stat((dir / "keys" / "root-2.pem").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST(KeyStore, KeygenRefusesExistingDirectoryAndBadThreshold) {
    TempDir dir;
    testing::make_keys(dir / "keys");
    KeygenOptions again;
    again.out = dir / "keys";
    EXPECT_FALSE(generate_keys(again).has_value());
    KeygenOptions bad;
    bad.out = dir / "other";
    bad.root_keys = 1;
    bad.root_threshold = 2;
    EXPECT_FALSE(generate_keys(bad).has_value());
}

TEST(KeyStore, RotationRetiresOldKeysButKeepsThemFindable) {
    TempDir dir;
    testing::make_keys(dir / "keys");
    std::string old_id = KeySet::load(dir / "keys")->keys(Role::Timestamp)[0].key_id();
    KeygenOptions rotate;
    rotate.out = dir / "keys";
    rotate.rotate = {Role::Timestamp};
    ASSERT_TRUE(generate_keys(rotate).has_value());
    auto set = KeySet::load(dir / "keys").value();
    EXPECT_NE(set.keys(Role::Timestamp)[0].key_id(), old_id);
    ASSERT_NE(set.find(old_id), nullptr);
    EXPECT_EQ(set.find(old_id)->key_id(), old_id);
}

}  // namespace
}  // namespace wb::index
