#pragma once
// A remote cache in a shared directory (file://PATH, e.g. an NFS mount every worker sees). A blob
// appears under its key only complete: written beside it, fsynced, then hard-linked into place,
// which fails if the key exists (write-once even between machines racing for the same key).
#include "storage/remote_storage.hpp"

namespace wb::storage {

class FileStorage final : public RemoteStorage {
public:
    explicit FileStorage(std::filesystem::path root) : m_root(std::move(root)) {}
    util::Expected<bool> get(const std::string& key, const std::filesystem::path& dest) override;
    util::Expected<bool> exists(const std::string& key) override;
    util::Expected<PutOutcome> put_new(const std::string& key, const std::filesystem::path& file) override;
    std::string describe() const override { return "file://" + m_root.string(); }

private:
    util::Expected<std::filesystem::path> path_of(const std::string& key) const;
    std::filesystem::path m_root;
};

}  // namespace wb::storage
