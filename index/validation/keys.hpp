#pragma once
// Ed25519 signing keys (through OpenSSL EVP): generation, PEM files written mode 0600, signing,
// and verification against a public key given as hex, the form TUF metadata stores keys in.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace wb::index {

using util::Expected;

/// A public key as metadata lists it: {"keytype":"ed25519","scheme":"ed25519","keyval":{"public":hex}}.
struct PublicKey {
    std::string public_hex;  ///< 32 raw bytes as lowercase hex

    static Expected<PublicKey> parse(const nlohmann::json& value);
    nlohmann::json to_json() const;
    /// The key id: sha256 hex of the canonical JSON of to_json().
    std::string key_id() const;
    bool operator==(const PublicKey&) const = default;
};

class PrivateKey {
public:
    static Expected<PrivateKey> generate();
    /// Reads a PKCS#8 PEM Ed25519 private key.
    static Expected<PrivateKey> load_pem(const std::filesystem::path& path);
    PrivateKey(PrivateKey&&) noexcept;
    PrivateKey& operator=(PrivateKey&&) noexcept;
    ~PrivateKey();

    /// Writes the key as PKCS#8 PEM, atomically, with mode 0600; refuses to replace a file.
    Expected<void> save_pem(const std::filesystem::path& path) const;
    const PublicKey& public_key() const { return m_public; }
    const std::string& key_id() const { return m_key_id; }
    /// The 64-byte Ed25519 signature of message, as lowercase hex.
    Expected<std::string> sign_hex(std::string_view message) const;

private:
    struct Impl;
    explicit PrivateKey(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
    PublicKey m_public;
    std::string m_key_id;
};

/// True when signature_hex is a valid Ed25519 signature of message by key.
bool verify_signature(const PublicKey& key, std::string_view message, std::string_view signature_hex);

}  // namespace wb::index
