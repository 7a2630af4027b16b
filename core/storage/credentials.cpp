#include "storage/credentials.hpp"

#include <fmt/format.h>

#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::storage {
namespace fs = std::filesystem;

namespace {

util::Expected<fs::path> existing_file(const util::Environment& env, const std::string& variable) {
    std::string value = util::env_or(env, variable);
    if (value.empty()) return fs::path();
    std::error_code ec;
    if (!fs::is_regular_file(value, ec)) {
        return util::fail(util::ErrorKind::Usage, fmt::format("{} names '{}', which is not a readable file", variable,
                                                              value));
    }
    return fs::path(value);
}

/// A token goes into one header line: printable ASCII only (no CR/LF that could add headers).
bool acceptable_token(const std::string& token) {
    if (token.empty()) return false;
    for (char c : token) {
        if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
}

}  // namespace

util::Expected<Credentials> Credentials::from_environment(const util::Environment& env) {
    Credentials c;
    std::string token = util::env_or(env, "WASM_BUILD_REMOTE_CACHE_TOKEN");
    auto token_file = existing_file(env, "WASM_BUILD_REMOTE_CACHE_TOKEN_FILE");
    if (!token_file) return tl::unexpected(token_file.error());
    if (!token.empty() && !token_file->empty()) {
        return util::fail(util::ErrorKind::Usage, "both WASM_BUILD_REMOTE_CACHE_TOKEN and "
                                                  "WASM_BUILD_REMOTE_CACHE_TOKEN_FILE are set; set one");
    }
    std::string source = "WASM_BUILD_REMOTE_CACHE_TOKEN";
    if (!token_file->empty()) {
        auto text = util::read_file(*token_file);
        if (!text) {
            return util::fail(util::ErrorKind::Usage, fmt::format("WASM_BUILD_REMOTE_CACHE_TOKEN_FILE: {}",
                                                                  text.error().message));
        }
        token = std::string(util::trim(*text));
        source = "the file WASM_BUILD_REMOTE_CACHE_TOKEN_FILE names";
        if (token.empty()) return util::fail(util::ErrorKind::Usage, source + " is empty");
    }
    if (!token.empty() && !acceptable_token(token)) {
        return util::fail(util::ErrorKind::Usage, fmt::format("the token in {} holds characters a header cannot "
                                                              "carry (spaces, line breaks or non-ASCII)", source));
    }
    c.token = token;
    for (auto [field, variable] : {std::pair{&c.client_cert, "WASM_BUILD_REMOTE_CACHE_CERT"},
                                   std::pair{&c.client_key, "WASM_BUILD_REMOTE_CACHE_KEY"},
                                   std::pair{&c.ca_file, "WASM_BUILD_REMOTE_CACHE_CA"}}) {
        auto file = existing_file(env, variable);
        if (!file) return tl::unexpected(file.error());
        *field = *file;
    }
    if (!c.client_key.empty() && c.client_cert.empty()) {
        return util::fail(util::ErrorKind::Usage, "WASM_BUILD_REMOTE_CACHE_KEY is set without "
                                                  "WASM_BUILD_REMOTE_CACHE_CERT");
    }
    return c;
}

}  // namespace wb::storage
