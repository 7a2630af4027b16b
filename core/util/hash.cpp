#include "util/hash.hpp"

#include <fstream>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "util/encoding.hpp"

namespace wb::util {

struct Sha256::Impl {
    EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>()) {
    m_impl->ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(m_impl->ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256() { EVP_MD_CTX_free(m_impl->ctx); }

void Sha256::update(std::string_view data) { EVP_DigestUpdate(m_impl->ctx, data.data(), data.size()); }

std::string Sha256::finish_raw() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(m_impl->ctx, digest, &size);
    return std::string(reinterpret_cast<char*>(digest), size);
}

std::string Sha256::finish_hex() { return hex_encode(finish_raw()); }

std::string sha256_raw(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.finish_raw();
}

std::string sha256_hex(std::string_view data) { return hex_encode(sha256_raw(data)); }

Expected<std::string> sha256_file_hex(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::Io, fmt::format("{}: cannot open for reading", path.string()));
    Sha256 h;
    std::string buffer(1 << 16, '\0');
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        h.update(std::string_view(buffer.data(), static_cast<size_t>(in.gcount())));
    }
    if (in.bad()) return fail(ErrorKind::Io, fmt::format("{}: read error", path.string()));
    return h.finish_hex();
}

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

}  // namespace wb::util
