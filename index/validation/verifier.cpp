#include "index/validation/verifier.hpp"

#include <fmt/format.h>

#include "index/validation/metadata_client.hpp"
#include "index/validation/trust_state.hpp"
#include "util/file_util.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace wb::index {
namespace fs = std::filesystem;
using util::ErrorKind;
using util::fail;

namespace {

constexpr size_t k_max_problems = 50;

bool is_metadata_file(const std::string& path) {
    if (!path.starts_with("metadata/")) return false;
    std::string name = path.substr(9);
    return name == "root.json" || name == "targets.json" || name == "snapshot.json" || name == "timestamp.json" ||
           (name.ends_with(".root.json") && name.find('/') == std::string::npos);
}

/// Files in a directory tree that targets.json does not list, and a root.json that is not the newest.
std::vector<std::string> check_tree_listing(RepoSource& source, const UpdatedMetadata& meta) {
    std::vector<std::string> problems;
    auto files = source.list();
    if (!files) return problems;
    for (const std::string& path : *files) {
        if (!meta.targets.targets.contains(path) && !is_metadata_file(path)) {
            problems.push_back(fmt::format("unlisted file {} (not in targets.json)", path));
        }
    }
    auto root = source.read("metadata/root.json", k_max_root_bytes);
    if (root && *root && **root != meta.root_text) {
        problems.push_back(fmt::format("metadata/root.json is not the newest root (version {})", meta.root.version));
    }
    return problems;
}

/// Runs the listing and file checks of one verified metadata state.
VerifyReport check_files(RepoSource& source, const UpdatedMetadata& meta, bool hash_files, const fs::path& temp_root,
                         std::vector<std::string>& problems) {
    VerifyReport report{meta.root.version, meta.timestamp.version, meta.snapshot.version, meta.targets.version};
    problems = check_tree_listing(source, meta);
    if (hash_files) {
        auto more = check_target_files(source, meta.targets.targets, temp_root, k_max_problems, &report.bytes_checked);
        problems.insert(problems.end(), more.begin(), more.end());
        report.files_checked = meta.targets.targets.size();
    }
    return report;
}

/// timestamp.json as the source serves it now (empty when unreadable).
std::string read_timestamp(RepoSource& source) {
    auto text = source.read("metadata/timestamp.json", k_max_timestamp_bytes);
    return text && *text ? **text : std::string();
}

}  // namespace

std::vector<std::string> check_target_files(RepoSource& source, const std::map<std::string, TargetFile>& targets,
                                            const fs::path& temp_root, size_t max_problems, uint64_t* bytes_checked) {
    std::vector<std::string> problems;
    auto temp = util::make_temp_dir(temp_root, "wb-verify-");
    if (!temp) return {temp.error().message};
    fs::path scratch = *temp / "file";
    for (const auto& [path, info] : targets) {
        if (problems.size() >= max_problems) {
            problems.push_back("(stopped after this many problems)");
            break;
        }
        fs::path file = source.local_path(path).value_or(scratch);
        std::error_code ec;
        if (file == scratch) {
            auto fetched = source.fetch(path, scratch, info.length);
            if (!fetched) {
                problems.push_back(fmt::format("{}: {}", path, fetched.error().message));
                continue;
            }
        } else if (!fs::is_regular_file(file, ec)) {
            problems.push_back(fmt::format("{}: missing", path));
            continue;
        }
        uint64_t size = fs::file_size(file, ec);
        auto sha = size == info.length ? util::sha256_file_hex(file) : Expected<std::string>(std::string("(not hashed)"));
        if (!sha || size != info.length || *sha != info.sha256) {
            problems.push_back(fmt::format("hash mismatch on {}: expected sha256 {} ({} bytes), got {} ({} bytes)", path,
                                           info.sha256, info.length, sha.value_or("unreadable"), size));
        }
        if (bytes_checked) *bytes_checked += size;
    }
    util::remove_tree_quiet(*temp);
    return problems;
}

Expected<VerifyReport> verify_repository(const VerifyOptions& o, fetch::Downloader& downloader) {
    auto initial_root = util::read_file(o.trusted_root);
    if (!initial_root) return fail(ErrorKind::Usage, fmt::format("--root: {}", initial_root.error().message));
    if (o.state.empty()) return fail(ErrorKind::Usage, "index verify: no directory given for the trust state");
    fs::path state_dir = trust_state_dir(o.state, *initial_root);
    auto state = TrustState::load(state_dir);
    if (!state) return tl::unexpected(state.error());
    std::string root_text = *state ? (*state)->root_text : *initial_root;
    TrustedVersions trusted = *state ? (*state)->versions : TrustedVersions{};

    auto source = open_source(o.source, downloader, o.source_options);
    if (!source) return tl::unexpected(source.error());
    // A server resolves the tree per request: a publish that switches generations while we read
    // makes files disagree with the metadata. Then the timestamp changed too, and one more pass
    // over the new generation decides.
    Expected<UpdatedMetadata> meta;
    VerifyReport report;
    std::vector<std::string> problems;
    bool remote = !(*source)->local_path("pyodide-lock.json").has_value();
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::string before = remote ? read_timestamp(**source) : std::string();
        bool last = attempt == 1 || !remote;
        meta = update_metadata(**source, root_text, trusted, o.now.value_or(now_utc()));
        if (!meta && (last || meta.error().kind != ErrorKind::Integrity || read_timestamp(**source) == before)) {
            return tl::unexpected(meta.error());
        }
        if (!meta) continue;
        report = check_files(**source, *meta, o.check_files, o.source_options.temp_root, problems);
        if (problems.empty() || last || read_timestamp(**source) == before) break;
    }
    if (!problems.empty()) {
        return fail(ErrorKind::Integrity, fmt::format("{}: {} problem(s):\n  {}", o.source, problems.size(),
                                                      util::join(problems, "\n  ")));
    }
    TrustState next{meta->root_text, meta->versions()};
    if (auto ok = next.save(state_dir); !ok) return tl::unexpected(ok.error());
    return report;
}

}  // namespace wb::index
