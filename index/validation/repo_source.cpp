#include "index/validation/repo_source.hpp"

#include <fmt/format.h>

#include "util/file_util.hpp"
#include "util/safe_path.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

class DirectorySource final : public RepoSource {
public:
    explicit DirectorySource(fs::path root) : m_root(std::move(root)) {}

    Expected<std::optional<std::string>> read(const std::string& path, uint64_t max_bytes) override {
        if (!is_safe_relative_path(path)) return fail(ErrorKind::Integrity, fmt::format("unsafe path \"{}\"", path));
        fs::path full = m_root / path;
        std::error_code ec;
        if (!fs::exists(full, ec)) return std::optional<std::string>();
        uint64_t size = fs::file_size(full, ec);
        if (ec) return fail(ErrorKind::Io, fmt::format("{}: {}", full.string(), ec.message()));
        if (size > max_bytes) {
            return fail(ErrorKind::Integrity, fmt::format("{}: {} bytes, more than the {} expected", full.string(), size, max_bytes));
        }
        auto text = util::read_file(full);
        if (!text) return tl::unexpected(text.error());
        return std::optional<std::string>(std::move(*text));
    }

    Expected<void> fetch(const std::string& path, const fs::path& dest, uint64_t max_bytes) override {
        if (!is_safe_relative_path(path)) return fail(ErrorKind::Integrity, fmt::format("unsafe path \"{}\"", path));
        fs::path full = m_root / path;
        std::error_code ec;
        uint64_t size = fs::file_size(full, ec);
        if (ec) return fail(ErrorKind::Integrity, fmt::format("{}: missing: {}", full.string(), ec.message()));
        if (size > max_bytes) {
            return fail(ErrorKind::Integrity, fmt::format("{}: {} bytes, more than the {} expected", full.string(), size, max_bytes));
        }
        fs::remove(dest, ec);
        return util::copy_file_new(full, dest);
    }

    std::optional<std::vector<std::string>> list() const override {
        std::vector<std::string> files;
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(m_root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) break;
            if (!it->is_directory(ec)) files.push_back(it->path().lexically_relative(m_root).generic_string());
        }
        std::sort(files.begin(), files.end());
        return files;
    }

    std::optional<fs::path> local_path(const std::string& path) const override {
        if (!is_safe_relative_path(path)) return std::nullopt;
        return m_root / path;
    }

    std::string describe(const std::string& path) const override { return (m_root / path).string(); }

private:
    fs::path m_root;
};

class HttpSource final : public RepoSource {
public:
    HttpSource(std::string base, fetch::Downloader& downloader, const SourceOptions& options)
        : m_base(std::move(base)), m_downloader(downloader), m_options(options) {}

    Expected<std::optional<std::string>> read(const std::string& path, uint64_t max_bytes) override {
        auto temp = util::make_temp_dir(m_options.temp_root, "wb-read-");
        if (!temp) return tl::unexpected(temp.error());
        fs::path file = *temp / "body";
        auto got = fetch(path, file, max_bytes);
        Expected<std::optional<std::string>> result;
        if (got) {
            auto text = util::read_file(file);
            result = text ? Expected<std::optional<std::string>>(std::move(*text)) : tl::unexpected(text.error());
        } else if (is_not_found(got.error())) {
            result = std::optional<std::string>();
        } else {
            result = tl::unexpected(got.error());
        }
        util::remove_tree_quiet(*temp);
        return result;
    }

    Expected<void> fetch(const std::string& path, const fs::path& dest, uint64_t max_bytes) override {
        if (!is_safe_relative_path(path)) return fail(ErrorKind::Integrity, fmt::format("unsafe path \"{}\"", path));
        fetch::DownloadOptions d;
        d.connect_timeout = m_options.connect_timeout;
        d.total_timeout = m_options.total_timeout;
        d.low_speed_limit = m_options.low_speed_limit;
        d.low_speed_time = m_options.low_speed_time;
        d.retries = m_options.retries;
        d.retry_delay = std::chrono::milliseconds(200);
        d.max_bytes = max_bytes == 0 ? 1 : max_bytes;  // 0 would mean "no limit" to the downloader
        return m_downloader.download(describe(path), dest, d);
    }

    std::optional<std::vector<std::string>> list() const override { return std::nullopt; }

    std::string describe(const std::string& path) const override { return m_base + "/" + path; }

private:
    static bool is_not_found(const util::Error& e) {
        return e.kind == ErrorKind::Network &&
               (e.message.ends_with("HTTP status 404") || e.message.ends_with("HTTP status 410"));
    }
    std::string m_base;
    fetch::Downloader& m_downloader;
    SourceOptions m_options;
};

}  // namespace

bool is_safe_relative_path(const std::string& path) {
    // Plain too: the "." and empty components SafePath drops are refused (its form is the path).
    auto safe = util::SafePath::check(path, {.control_allowed = true, .backslash_allowed = false});
    return safe && safe->str() == path;
}

Expected<std::unique_ptr<RepoSource>> open_source(const std::string& location, fetch::Downloader& downloader,
                                                  const SourceOptions& options) {
    if (location.starts_with("http://") || location.starts_with("https://")) {
        std::string base = location;
        while (base.ends_with("/")) base.pop_back();
        return std::make_unique<HttpSource>(base, downloader, options);
    }
    std::error_code ec;
    fs::path root = fs::canonical(location, ec);  // resolves the generation symlink once
    if (ec || !fs::is_directory(root, ec)) {
        return fail(ErrorKind::Input, fmt::format("{}: not a repository directory or http(s) URL", location));
    }
    return std::make_unique<DirectorySource>(root);
}

}  // namespace wb::index
