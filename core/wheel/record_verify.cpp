// verify_record(): every member of a wheel against the hashes and sizes in its RECORD.
#include <sys/stat.h>

#include <map>
#include <set>

#include <fmt/format.h>

#include "util/encoding.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"
#include "wheel/record.hpp"
#include "wheel/wheel_reader.hpp"
#include "wheel/zip_input.hpp"

namespace wb::wheel {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

bool is_directory_entry(const WheelEntry& e) { return S_ISDIR(e.mode) || e.name.ends_with('/'); }

// "<name>.dist-info/RECORD" at the top of the wheel.
bool is_record_path(std::string_view name) {
    size_t slash = name.find('/');
    return slash != std::string_view::npos && name.substr(slash) == "/RECORD" &&
           name.substr(0, slash).ends_with(".dist-info");
}

Expected<std::string> find_record(const fs::path& wheel, const std::vector<WheelEntry>& entries) {
    std::string found;
    for (const auto& e : entries) {
        if (!is_record_path(e.name)) continue;
        if (!found.empty()) {
            return fail(ErrorKind::Input,
                        fmt::format("{}: expected one *.dist-info/RECORD, found '{}' and '{}'", wheel.string(), found, e.name));
        }
        found = e.name;
    }
    if (found.empty()) {
        return fail(ErrorKind::Input, fmt::format("{}: no *.dist-info/RECORD member: expected one (PEP 427)", wheel.string()));
    }
    return found;
}

Expected<std::map<std::string, RecordEntry>> load_record(const fs::path& wheel, const std::string& record_path) {
    auto text = read_member(wheel, record_path);
    if (!text) return tl::unexpected(text.error());
    std::string source = fmt::format("{}: {}", wheel.string(), record_path);
    auto records = parse_record(*text, source);
    if (!records) return tl::unexpected(records.error());
    std::map<std::string, RecordEntry> by_path;
    for (auto& r : *records) {
        std::string path = r.path;
        if (!by_path.emplace(path, std::move(r)).second) {
            return fail(ErrorKind::Input, fmt::format("{}: '{}' is listed twice: expected one line per file", source, path));
        }
    }
    return by_path;
}

// Hashes the current member and compares hash and size with its RECORD line.
Expected<void> check_member(ZipInput& zip, const WheelEntry& entry, const RecordEntry& record) {
    std::string where = fmt::format("{}: member '{}'", zip.path().string(), util::printable(entry.name));
    size_t eq = record.hash.find('=');
    std::string algorithm = eq == std::string::npos ? record.hash : record.hash.substr(0, eq);
    if (algorithm != "sha256") {
        return fail(ErrorKind::Integrity, fmt::format("{}: RECORD gives hash '{}': expected sha256=...", where, record.hash));
    }
    util::Sha256 sha;
    uint64_t size = 0;
    auto ok = zip.read([&](std::string_view chunk) -> Expected<void> {
        sha.update(chunk);
        size += chunk.size();
        return {};
    });
    if (!ok) return ok;
    std::string actual = "sha256=" + util::base64url_nopad(sha.finish_raw());
    if (actual != record.hash) {
        return fail(ErrorKind::Integrity,
                    fmt::format("{} does not match RECORD: content has {}, RECORD says {}", where, actual, record.hash));
    }
    if (record.size && *record.size != size) {
        return fail(ErrorKind::Integrity,
                    fmt::format("{} does not match RECORD: {} bytes, RECORD says {}", where, size, *record.size));
    }
    return {};
}

}  // namespace

Expected<void> verify_record(const fs::path& wheel) {
    auto entries = list_entries(wheel);
    if (!entries) return tl::unexpected(entries.error());
    auto record_path = find_record(wheel, *entries);
    if (!record_path) return tl::unexpected(record_path.error());
    auto records = load_record(wheel, *record_path);
    if (!records) return tl::unexpected(records.error());
    // RECORD cannot hold its own hash, nor those of its signatures.
    const std::set<std::string> unlisted = {*record_path, *record_path + ".jws", *record_path + ".p7s"};

    auto zip = ZipInput::open(wheel);
    if (!zip) return tl::unexpected(zip.error());
    std::set<std::string> seen;
    for (;;) {
        auto entry = zip->next();
        if (!entry) return tl::unexpected(entry.error());
        if (!*entry) break;
        const WheelEntry& e = **entry;
        if (is_directory_entry(e) || unlisted.count(e.name) != 0) continue;
        auto it = records->find(e.name);
        if (it == records->end()) {
            return fail(ErrorKind::Integrity, fmt::format("{}: member '{}' is not listed in {}: expected every file "
                                                          "to have a hash there",
                                                          wheel.string(), util::printable(e.name), *record_path));
        }
        if (auto ok = check_member(*zip, e, it->second); !ok) return ok;
        seen.insert(e.name);
    }
    for (const auto& [path, record] : *records) {
        if (unlisted.count(path) == 0 && seen.count(path) == 0) {
            return fail(ErrorKind::Integrity, fmt::format("{}: {} lists '{}' but the wheel has no such member",
                                                          wheel.string(), *record_path, path));
        }
    }
    return {};
}

}  // namespace wb::wheel
