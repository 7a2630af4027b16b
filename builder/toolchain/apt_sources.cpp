#include "toolchain/apt_sources.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "util/file_util.hpp"
#include "util/strings.hpp"

namespace wb::toolchain {
namespace fs = std::filesystem;

namespace {

bool usable(const std::string& uri) { return !uri.empty() && uri.find("security") == std::string::npos; }

}  // namespace

std::optional<ArchiveSource> archive_from_deb822(const std::string& text) {
    std::vector<std::string> stanza;
    auto take = [&]() -> std::optional<ArchiveSource> {
        std::string types, uri, keyring;
        bool enabled = true;
        for (const auto& line : stanza) {
            auto colon = line.find(':');
            if (colon == std::string::npos || line[0] == '#' || line[0] == ' ') continue;
            std::string key = util::to_lower(util::trim(line.substr(0, colon)));
            std::string value(util::trim(line.substr(colon + 1)));
            if (key == "types") types = value;
            if (key == "uris") uri = util::split_whitespace(value).empty() ? "" : util::split_whitespace(value)[0];
            if (key == "signed-by") keyring = value;
            if (key == "enabled") enabled = util::to_lower(value) != "no";
        }
        auto words = util::split_whitespace(types);
        if (!enabled || std::find(words.begin(), words.end(), "deb") == words.end() || !usable(uri)) return std::nullopt;
        if (!keyring.starts_with("/")) keyring.clear();  // inline keys are not a file debootstrap can use
        return ArchiveSource{uri, keyring};
    };
    for (const auto& line : util::split(text + "\n\n", '\n')) {
        if (util::trim(line).empty()) {
            if (auto s = take()) return s;
            stanza.clear();
        } else {
            stanza.push_back(line);
        }
    }
    return std::nullopt;
}

std::optional<ArchiveSource> archive_from_one_line(const std::string& text) {
    for (const auto& line : util::split(text, '\n')) {
        auto words = util::split_whitespace(line);
        if (words.size() < 3 || words[0] != "deb") continue;
        size_t i = 1;
        std::string keyring;
        if (words[i].starts_with("[")) {
            for (; i < words.size(); ++i) {
                if (words[i].starts_with("[signed-by=")) keyring = words[i].substr(11);
                if (words[i].find("signed-by=") == 0) keyring = words[i].substr(10);
                if (words[i].ends_with("]")) break;
            }
            ++i;
            if (!keyring.empty() && keyring.back() == ']') keyring.pop_back();
        }
        if (i < words.size() && usable(words[i])) return ArchiveSource{words[i], keyring};
    }
    return std::nullopt;
}

util::Expected<ArchiveSource> machine_archive(const fs::path& etc_apt) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(etc_apt / "sources.list.d", ec)) {
        if (e.path().extension() == ".sources") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        auto text = util::read_file(f);
        if (!text) continue;
        if (auto s = archive_from_deb822(*text)) return *s;
    }
    if (auto text = util::read_file(etc_apt / "sources.list")) {
        if (auto s = archive_from_one_line(*text)) return *s;
    }
    return util::fail(util::ErrorKind::Usage, fmt::format("no Debian archive found in this machine's apt configuration "
                                                          "({}/sources.list.d/*.sources or {}/sources.list): a "
                                                          "toolchain root is made from it", etc_apt.string(),
                                                          etc_apt.string()));
}

}  // namespace wb::toolchain
