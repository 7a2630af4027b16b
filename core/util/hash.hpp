#pragma once
// SHA-256 of strings and files, as lowercase hex or raw digest bytes.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace wb::util {

/// Incremental SHA-256.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view data);
    /// Raw 32-byte digest; the object must not be used afterwards.
    std::string finish_raw();
    std::string finish_hex();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

std::string sha256_hex(std::string_view data);
std::string sha256_raw(std::string_view data);
Expected<std::string> sha256_file_hex(const std::filesystem::path& path);

/// True when text is 64 lowercase hex digits.
bool is_sha256_hex(std::string_view text);

}  // namespace wb::util
