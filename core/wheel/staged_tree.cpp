#include "wheel/staged_tree.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace wb::wheel {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

bool is_metadata_leftover(const std::string& name) {
    return name.ends_with(".dist-info") || name.ends_with(".egg-info");
}

class TreeWalker {
public:
    explicit TreeWalker(std::vector<StagedFile>& out) : m_out(out) {}

    // Walks dir, whose member names start with prefix ("" at the root). m_chain holds the canonical
    // paths of the directories being walked, to catch symlink loops.
    Expected<void> walk(const fs::path& dir, const std::string& prefix) {
        std::error_code ec;
        fs::path canonical = fs::canonical(dir, ec);
        if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot resolve: {}", dir.string(), ec.message()));
        if (std::find(m_chain.begin(), m_chain.end(), canonical) != m_chain.end()) {
            return fail(ErrorKind::Input, fmt::format("{}: symbolic link loop (leads back to {}): expected a tree",
                                                      dir.string(), canonical.string()));
        }
        m_chain.push_back(canonical);
        fs::directory_iterator it(dir, ec);
        if (ec) return fail(ErrorKind::Io, fmt::format("{}: cannot list directory: {}", dir.string(), ec.message()));
        for (const auto& entry : it) {
            if (auto ok = visit(entry.path(), prefix); !ok) return ok;
        }
        m_chain.pop_back();
        return {};
    }

private:
    Expected<void> visit(const fs::path& path, const std::string& prefix) {
        std::string name = path.filename().string();
        std::string member = prefix.empty() ? name : prefix + "/" + name;
        if (prefix.empty() && is_metadata_leftover(name)) return {};
        std::error_code ec;
        fs::file_status status = fs::status(path, ec);  // follows symlinks
        if (ec || status.type() == fs::file_type::not_found) {
            return fail(ErrorKind::Input, fmt::format("{}: cannot read (a dangling symbolic link?): expected a file or "
                                                      "directory to pack",
                                                      path.string()));
        }
        if (status.type() == fs::file_type::directory) {
            if (name == "__pycache__") return {};
            return walk(path, member);
        }
        if (status.type() != fs::file_type::regular) {
            return fail(ErrorKind::Input, fmt::format("{}: a special file: expected only regular files, directories "
                                                      "and links to them",
                                                      path.string()));
        }
        constexpr auto k_exec = fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
        bool executable = (status.permissions() & k_exec) != fs::perms::none;
        m_out.push_back(StagedFile{member, path, executable});
        return {};
    }

    std::vector<StagedFile>& m_out;
    std::vector<fs::path> m_chain;
};

}  // namespace

Expected<std::vector<StagedFile>> collect_staged_files(const fs::path& root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return fail(ErrorKind::Io, fmt::format("{}: expected a directory of staged files to pack", root.string()));
    }
    std::vector<StagedFile> files;
    TreeWalker walker(files);
    if (auto ok = walker.walk(root, ""); !ok) return tl::unexpected(ok.error());
    std::sort(files.begin(), files.end(), [](const StagedFile& a, const StagedFile& b) { return a.name < b.name; });
    return files;
}

}  // namespace wb::wheel
