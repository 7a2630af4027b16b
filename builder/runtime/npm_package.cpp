#include "runtime/npm_package.hpp"

#include <openssl/evp.h>

#include <fmt/format.h>

#include "archive/unpack.hpp"
#include "util/encoding.hpp"
#include "util/file_lock.hpp"
#include "util/file_util.hpp"
#include "util/scope_guard.hpp"
#include "util/strings.hpp"
#include "util/try.hpp"

namespace wb::runtime {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::Expected;

Expected<std::string> npm_integrity(const fs::path& file) {
    std::string bytes;
    WB_TRY_ASSIGN(bytes, util::read_file(file));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha512(), nullptr) != 1) {
        return util::fail(ErrorKind::Internal, "sha512: OpenSSL failed");
    }
    return "sha512-" + util::base64_encode(std::string_view(reinterpret_cast<char*>(digest), size));
}

fs::path NpmPackages::dir_for(const platform::RuntimePackage& p) const {
    std::string tag = util::hex_encode(*util::base64_decode(p.integrity.substr(7))).substr(0, 12);
    return m_dir / fmt::format("{}-{}-{}", p.npm_name, p.version, tag);
}

Expected<fs::path> NpmPackages::ensure(const platform::RuntimePackage& p) {
    fs::path dir = dir_for(p);
    std::error_code ec;
    if (fs::exists(dir / "package" / "package.json", ec)) return dir / "package";
    if (m_offline) {
        return util::fail(ErrorKind::Network, fmt::format("{} is not in {} and downloads are off (offline)", p.id(),
                                                          m_dir.string()));
    }
    fs::create_directories(m_dir, ec);
    auto lock = util::FileLock::acquire(dir.string() + ".lock");
    if (!lock) return tl::unexpected(lock.error());
    if (fs::exists(dir / "package" / "package.json", ec)) return dir / "package";
    fs::path tmp;
    WB_TRY_ASSIGN(tmp, util::make_temp_dir(m_dir, ".fetch-"));
    util::ScopeGuard cleanup([&] { util::remove_tree_quiet(tmp); });
    util::Environment env = util::current_environment();
    util::Command pack{{"npm", "pack", p.id(), "--pack-destination", tmp.string(), "--silent"}, env, tmp, {}, {},
                       std::chrono::seconds(600)};
    auto r = m_runner.run(pack);
    if (!r) return tl::unexpected(r.error());
    if (!r->ok()) {
        return util::fail(ErrorKind::Network, fmt::format("npm pack {} failed (exit {}): {}", p.id(), r->exit_code,
                                                          util::trim(r->output)));
    }
    fs::path tgz = tmp / fmt::format("{}-{}.tgz", p.npm_name, p.version);
    std::string got;
    WB_TRY_ASSIGN(got, npm_integrity(tgz));
    if (got != p.integrity) {
        return util::fail(ErrorKind::Integrity, fmt::format("{}: the registry's tarball has integrity {}, the platform "
                                                            "pins {}; nothing of it was used", p.id(), got,
                                                            p.integrity));
    }
    archive::UnpackResult unpacked;
    WB_TRY_ASSIGN(unpacked, archive::unpack(tgz, tmp / "unpacked", {}, false));
    util::remove_tree_quiet(dir);
    fs::rename(tmp / "unpacked", dir, ec);
    if (ec) return util::fail(ErrorKind::Io, fmt::format("{}: cannot move into place: {}", dir.string(), ec.message()));
    return dir / "package";
}

}  // namespace wb::runtime
