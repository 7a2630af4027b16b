#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "storage/credentials.hpp"

namespace wb::storage {
namespace {

class CredentialsTest : public wb::test::TempDirTest {};

TEST_F(CredentialsTest, NoneByDefault) {
    auto c = Credentials::from_environment({});
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->empty());
}

TEST_F(CredentialsTest, ATokenFromTheEnvironmentOrAFile) {
    EXPECT_EQ(Credentials::from_environment({{"WASM_BUILD_REMOTE_CACHE_TOKEN", "abc"}})->token, "abc");
    write(dir() / "token", "  s3cret-token\n");
    auto c = Credentials::from_environment({{"WASM_BUILD_REMOTE_CACHE_TOKEN_FILE", (dir() / "token").string()}});
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->token, "s3cret-token");
}

TEST_F(CredentialsTest, ErrorsNameTheVariableNeverTheToken) {
    write(dir() / "token", "two words\n");
    auto bad = Credentials::from_environment({{"WASM_BUILD_REMOTE_CACHE_TOKEN_FILE", (dir() / "token").string()}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().kind, util::ErrorKind::Usage);
    EXPECT_EQ(bad.error().message.find("two words"), std::string::npos);
    auto injected = Credentials::from_environment({{"WASM_BUILD_REMOTE_CACHE_TOKEN", "abc\r\nX-Evil: 1"}});
    ASSERT_FALSE(injected);
    EXPECT_EQ(injected.error().message.find("X-Evil"), std::string::npos);
    auto both = Credentials::from_environment({{"WASM_BUILD_REMOTE_CACHE_TOKEN", "abc"},
                                               {"WASM_BUILD_REMOTE_CACHE_TOKEN_FILE", (dir() / "token").string()}});
    EXPECT_FALSE(both);
    auto missing = Credentials::from_environment({{"WASM_BUILD_REMOTE_CACHE_CERT", (dir() / "none.pem").string()}});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("WASM_BUILD_REMOTE_CACHE_CERT"), std::string::npos);
}

TEST_F(CredentialsTest, AClientCertificateAndKey) {
    write(dir() / "c.pem", "cert");
    write(dir() / "k.pem", "key");
    auto c = Credentials::from_environment({{"WASM_BUILD_REMOTE_CACHE_CERT", (dir() / "c.pem").string()},
                                            {"WASM_BUILD_REMOTE_CACHE_KEY", (dir() / "k.pem").string()}});
    ASSERT_TRUE(c);
    EXPECT_EQ(c->client_cert, dir() / "c.pem");
    EXPECT_FALSE(c->empty());
    EXPECT_FALSE(Credentials::from_environment({{"WASM_BUILD_REMOTE_CACHE_KEY", (dir() / "k.pem").string()}}));
}

}  // namespace
}  // namespace wb::storage
