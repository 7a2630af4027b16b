#include <gtest/gtest.h>

#include <cstdlib>

#include "util/environment.hpp"

namespace wb::util {
namespace {

TEST(Environment, EnvOrGivesTheValueElseTheFallback) {
    Environment env{{"SET", "value"}, {"EMPTY", ""}};
    EXPECT_EQ(env_or(env, "SET", "fallback"), "value");
    EXPECT_EQ(env_or(env, "EMPTY", "fallback"), "fallback");
    EXPECT_EQ(env_or(env, "UNSET", "fallback"), "fallback");
    EXPECT_EQ(env_or(env, "UNSET"), "");
}

TEST(Environment, SnapshotHoldsTheProcessVariables) {
    ::setenv("WB_ENV_TEST_VAR", "a=b c", 1);
    Environment env = current_environment();
    ::unsetenv("WB_ENV_TEST_VAR");
    ASSERT_TRUE(env.count("WB_ENV_TEST_VAR"));
    EXPECT_EQ(env.at("WB_ENV_TEST_VAR"), "a=b c");  // split at the first '=' only
    // A snapshot: later changes to the process do not reach it.
    EXPECT_FALSE(current_environment().count("WB_ENV_TEST_VAR"));
    EXPECT_EQ(env.at("WB_ENV_TEST_VAR"), "a=b c");
}

}  // namespace
}  // namespace wb::util
