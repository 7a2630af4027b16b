#pragma once
// Credentials for a remote cache, read from the environment or from files it names, never from the
// command line (which other users can read in /proc) and never printed: a bearer token, or a TLS
// client certificate and key, and a CA bundle to trust.
//   WASM_BUILD_REMOTE_CACHE_TOKEN       the token itself
//   WASM_BUILD_REMOTE_CACHE_TOKEN_FILE  a file holding it (what Slurm jobs get: their environment
//                                       is kept in the controller's state, a file is not)
//   WASM_BUILD_REMOTE_CACHE_CERT / _KEY a client certificate and its key (PEM files)
//   WASM_BUILD_REMOTE_CACHE_CA          a CA bundle (PEM) for the server's certificate
#include <filesystem>
#include <string>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace wb::storage {

struct Credentials {
    std::string token;  ///< sent as "Authorization: Bearer …"; empty: none
    std::filesystem::path client_cert, client_key, ca_file;

    bool empty() const { return token.empty() && client_cert.empty(); }
    /// Reads the variables above; an unreadable file or a malformed token is a Usage error naming
    /// the variable (never the token).
    static util::Expected<Credentials> from_environment(const util::Environment& env);
};

/// The variables that name credential files (safe to hand to a batch job's environment).
inline constexpr const char* k_credential_file_variables[] = {
    "WASM_BUILD_REMOTE_CACHE_TOKEN_FILE", "WASM_BUILD_REMOTE_CACHE_CERT", "WASM_BUILD_REMOTE_CACHE_KEY",
    "WASM_BUILD_REMOTE_CACHE_CA"};

}  // namespace wb::storage
