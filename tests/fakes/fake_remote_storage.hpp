#pragma once
// A RemoteStorage in memory for tests: blobs by key, write-once like the real ones; it can be
// switched off (every call fails as an unreachable server does), a blob can be tampered with, and
// it counts the calls it got.
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

#include "storage/remote_storage.hpp"

namespace wb::fakes {

class FakeRemoteStorage final : public storage::RemoteStorage {
public:
    util::Expected<bool> get(const std::string& key, const std::filesystem::path& dest) override {
        std::lock_guard lock(m_mutex);
        ++gets;
        if (down) return unreachable();
        auto it = blobs.find(key);
        if (it == blobs.end()) return false;
        std::ofstream(dest, std::ios::binary | std::ios::trunc) << it->second;
        return true;
    }
    util::Expected<bool> exists(const std::string& key) override {
        std::lock_guard lock(m_mutex);
        if (down) return unreachable();
        return blobs.count(key) > 0;
    }
    util::Expected<storage::PutOutcome> put_new(const std::string& key, const std::filesystem::path& file) override {
        std::lock_guard lock(m_mutex);
        ++puts;
        if (down) return unreachable();
        if (!storage::is_valid_key(key)) return util::fail(util::ErrorKind::Internal, "bad key " + key);
        if (blobs.count(key)) return storage::PutOutcome::Existed;
        std::ifstream in(file, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        blobs[key] = ss.str();
        return storage::PutOutcome::Stored;
    }
    std::string describe() const override { return "fake://remote"; }

    /// Changes one byte of every blob whose key starts with prefix; how many it changed.
    int tamper(const std::string& prefix) {
        int n = 0;
        for (auto& [key, bytes] : blobs) {
            if (key.rfind(prefix, 0) == 0 && !bytes.empty()) {
                bytes[bytes.size() / 2] ^= 0x01;
                ++n;
            }
        }
        return n;
    }

    std::map<std::string, std::string> blobs;
    bool down = false;
    int gets = 0, puts = 0;

private:
    static tl::unexpected<util::Error> unreachable() {
        return util::fail(util::ErrorKind::Network, "fake://remote: Connection refused");
    }
    std::mutex m_mutex;
};

}  // namespace wb::fakes
