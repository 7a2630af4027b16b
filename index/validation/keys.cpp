#include "index/validation/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "index/validation/canonical_json.hpp"
#include "util/atomic_file.hpp"
#include "util/encoding.hpp"
#include "util/hash.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

struct PkeyDeleter {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxDeleter {
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioDeleter {
    void operator()(BIO* p) const { BIO_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

Expected<std::string> raw_public_key(EVP_PKEY* pkey) {
    unsigned char raw[32];
    size_t len = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(pkey, raw, &len) != 1 || len != sizeof raw) {
        return fail(ErrorKind::Internal, "Ed25519: cannot extract the public key");
    }
    return std::string(reinterpret_cast<char*>(raw), len);
}

/// Writes data to a new file at path with mode 0600 without ever replacing an existing file.
Expected<void> write_private_file(const fs::path& path, std::string_view data) {
    fs::path temp = path;
    temp += fmt::format(".tmp-{}", ::getpid());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return fail(ErrorKind::Io, fmt::format("{}: cannot create: {}", temp.string(), std::strerror(errno)));
    bool ok = ::fchmod(fd, 0600) == 0 && ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()) &&
              ::fsync(fd) == 0;
    int saved = errno;
    ::close(fd);
    if (ok && ::link(temp.c_str(), path.c_str()) != 0) {
        saved = errno;
        ok = false;
    }
    ::unlink(temp.c_str());
    if (!ok) return fail(ErrorKind::Io, fmt::format("{}: cannot write key: {}", path.string(), std::strerror(saved)));
    util::sync_directory(path.parent_path());
    return {};
}

}  // namespace

struct PrivateKey::Impl {
    PkeyPtr pkey;
};

Expected<PublicKey> PublicKey::parse(const nlohmann::json& value) {
    auto is = [&](const char* field, const char* want) {
        return value.contains(field) && value[field].is_string() && value[field] == want;
    };
    if (!value.is_object() || !is("keytype", "ed25519") || !is("scheme", "ed25519") ||
        !value.contains("keyval") || !value["keyval"].is_object() || !value["keyval"].contains("public") ||
        !value["keyval"]["public"].is_string()) {
        return fail(ErrorKind::Integrity,
                    "key: expected {\"keytype\":\"ed25519\",\"scheme\":\"ed25519\",\"keyval\":{\"public\":HEX}}");
    }
    std::string hex = value["keyval"]["public"].get<std::string>();
    auto raw = util::hex_decode(hex);
    if (!raw || raw->size() != 32) {
        return fail(ErrorKind::Integrity, fmt::format("key: public key \"{}\" is not 32 bytes of hex", hex));
    }
    return PublicKey{util::hex_encode(*raw)};
}

nlohmann::json PublicKey::to_json() const {
    return {{"keytype", "ed25519"}, {"scheme", "ed25519"}, {"keyval", {{"public", public_hex}}}};
}

std::string PublicKey::key_id() const {
    return util::sha256_hex(canonical_json(to_json()).value());
}

PrivateKey::PrivateKey(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {
    auto raw = raw_public_key(m_impl->pkey.get());
    m_public = PublicKey{util::hex_encode(raw.value_or(std::string()))};
    m_key_id = m_public.key_id();
}
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;
PrivateKey::~PrivateKey() = default;

Expected<PrivateKey> PrivateKey::generate() {
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
        return fail(ErrorKind::Internal, "Ed25519: key generation failed");
    }
    auto impl = std::make_unique<Impl>();
    impl->pkey.reset(raw);
    return PrivateKey(std::move(impl));
}

Expected<PrivateKey> PrivateKey::load_pem(const fs::path& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return fail(ErrorKind::Input, fmt::format("{}: cannot open key: {}", path.string(), std::strerror(errno)));
    PkeyPtr pkey(PEM_read_PrivateKey(file.get(), nullptr, nullptr, nullptr));
    if (!pkey) return fail(ErrorKind::Input, fmt::format("{}: not a PEM private key", path.string()));
    if (EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519) {
        return fail(ErrorKind::Input, fmt::format("{}: expected an Ed25519 key", path.string()));
    }
    auto impl = std::make_unique<Impl>();
    impl->pkey = std::move(pkey);
    return PrivateKey(std::move(impl));
}

Expected<void> PrivateKey::save_pem(const fs::path& path) const {
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_impl->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        return fail(ErrorKind::Internal, fmt::format("{}: cannot encode the key as PEM", path.string()));
    }
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return write_private_file(path, std::string_view(data, static_cast<size_t>(len)));
}

Expected<std::string> PrivateKey::sign_hex(std::string_view message) const {
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    unsigned char sig[64];
    size_t len = sizeof sig;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, m_impl->pkey.get()) != 1 ||
        EVP_DigestSign(ctx.get(), sig, &len, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1) {
        return fail(ErrorKind::Internal, fmt::format("Ed25519: signing with key {} failed", m_key_id));
    }
    return util::hex_encode(std::string_view(reinterpret_cast<char*>(sig), len));
}

bool verify_signature(const PublicKey& key, std::string_view message, std::string_view signature_hex) {
    auto raw_key = util::hex_decode(key.public_hex);
    auto sig = util::hex_decode(signature_hex);
    if (!raw_key || raw_key->size() != 32 || !sig || sig->size() != 64) return false;
    PkeyPtr pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                             reinterpret_cast<const unsigned char*>(raw_key->data()), 32));
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    if (!pkey || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1) return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                            reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

}  // namespace wb::index
