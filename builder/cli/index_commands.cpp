// `wasm-build index publish|verify|keygen|mirror` (and `serve`, registered by
// index_serve_command.cpp): parses options into the index module's option structs and reports.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/session.hpp"
#include "platform/platform_set.hpp"
#include "util/file_util.hpp"
#include "util/strings.hpp"
#include "fetch/curl_downloader.hpp"
#include "index/validation/key_store.hpp"
#include "index/mirror/mirror.hpp"
#include "index/publish/publisher.hpp"
#include "index/validation/trust_state.hpp"
#include "index/validation/verifier.hpp"

namespace wb::cli {
namespace {

using nlohmann::json;


/// Parses --now (tests) or returns nullopt for the clock.
util::Expected<std::optional<index::TimePoint>> parse_now(const std::string& text) {
    if (text.empty()) return std::optional<index::TimePoint>();
    auto t = index::parse_utc(text);
    if (!t) return util::fail(util::ErrorKind::Usage, "--now: " + t.error().message);
    return std::optional<index::TimePoint>(*t);
}

struct PublishArgs {
    index::PublishOptions options;
    std::string wheels, out, keys, recipes, now, for_platform;
    std::vector<std::string> expires;
};

void add_publish(CLI::App& index_app, const GlobalOptions& global, int& exit_code) {
    auto args = std::make_shared<PublishArgs>();
    CLI::App* cmd = index_app.add_subcommand("publish", "Publish a directory of wheels as a signed repository");
    cmd->add_option("--wheels", args->wheels, "Directory of built wheels")->required();
    cmd->add_option("--out", args->out, "Repository path to publish (a symlink to the current generation)")->required();
    cmd->add_option("--keys", args->keys, "Key directory made by `index keygen`")->required();
    cmd->add_option("--recipes-metadata", args->recipes, "JSON from the build (default: WHEELS/packages.json)");
    cmd->add_option("--for", args->for_platform,
                    "The platform the repository serves (platforms/NAME.yaml): fills the lock file's info");
    cmd->add_option("--base-url", args->options.base_url,
                    "Where the repository will be served (http(s)://…/): the simple pages then link files by "
                    "absolute URL, for clients that do not resolve relative ones (micropip 0.11)")
        ->check([](const std::string& url) -> std::string {
            bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
            return scheme && url.back() == '/' ? "" : "expected an http(s) URL ending with '/'";
        });
    cmd->add_option("--arch", args->options.info.arch, "Lock file info.arch")->capture_default_str();
    cmd->add_option("--platform", args->options.info.platform, "Lock file info.platform")->capture_default_str();
    cmd->add_option("--python", args->options.info.python, "Lock file info.python")->capture_default_str();
    cmd->add_option("--abi-version", args->options.info.abi_version, "Lock file info.abi_version")->capture_default_str();
    cmd->add_option("--runtime-version", args->options.info.version, "Lock file info.version")->capture_default_str();
    cmd->add_option("--expires", args->expires, "ROLE=DURATION, e.g. timestamp=1d (s, m, h, d)");
    cmd->add_option("--keep", args->options.keep_generations, "Generations to keep")->capture_default_str();
    cmd->add_option("--now", args->now, "Signing time (testing)")->group("");
    cmd->callback([args, &global, &exit_code] {
        index::PublishOptions& o = args->options;
        if (!args->for_platform.empty()) {
            auto info = lock_info_for(global, args->for_platform);
            if (!info) return void(exit_code = report_error(info.error()));
            o.info = *info;
        }
        o.wheels_dir = args->wheels;
        o.out = args->out;
        o.keys_dir = args->keys;
        if (!args->recipes.empty()) o.recipes_metadata = args->recipes;
        for (const auto& e : args->expires) {
            if (auto ok = o.expiry.set(e); !ok) return void(exit_code = report_error(ok.error()));
        }
        auto now = parse_now(args->now);
        if (!now) return void(exit_code = report_error(now.error()));
        o.now = *now;
        o.temp_root = util::temp_root(global.env);
        auto result = index::publish(o);
        if (!result) return void(exit_code = report_error(result.error()));
        for (const auto& w : result->warnings) fmt::print(stderr, "warning: {}\n", w);
        fmt::print(stderr, "Published {} wheel(s) to {} ({} files written, {} unchanged; targets v{}, timestamp v{})\n",
                   result->wheels, o.out.string(), result->files_written, result->files_linked,
                   result->targets_version, result->timestamp_version);
        if (global.json) {
            fmt::print("{}\n", json{{"generation", result->generation.string()}, {"wheels", result->wheels},
                                    {"reused_records", result->reused_records}, {"files_written", result->files_written},
                                    {"files_linked", result->files_linked}, {"root_version", result->root_version},
                                    {"targets_version", result->targets_version},
                                    {"snapshot_version", result->snapshot_version},
                                    {"timestamp_version", result->timestamp_version},
                                    {"warnings", result->warnings}}.dump());
        }
        exit_code = 0;
    });
}

void add_keygen(CLI::App& index_app, int& exit_code) {
    auto options = std::make_shared<index::KeygenOptions>();
    auto out = std::make_shared<std::string>();
    auto rotate = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = index_app.add_subcommand("keygen", "Make the repository's Ed25519 signing keys");
    cmd->add_option("--out", *out, "Key directory (kept out of the repository tree)")->required();
    cmd->add_option("--root-keys", options->root_keys, "Number of root keys")->capture_default_str();
    cmd->add_option("--root-threshold", options->root_threshold, "Root signatures required")->capture_default_str();
    cmd->add_option("--rotate", *rotate, "Replace this role's keys (root, targets, snapshot, timestamp)");
    cmd->callback([options, out, rotate, &exit_code] {
        options->out = *out;
        for (const auto& name : *rotate) {
            auto role = index::parse_role(name);
            if (!role) return void(exit_code = report_error({util::ErrorKind::Usage, "--rotate: unknown role " + name}));
            options->rotate.push_back(*role);
        }
        auto ok = index::generate_keys(*options);
        if (!ok) return void(exit_code = report_error(ok.error()));
        fmt::print(stderr, "Keys written to {}\n", *out);
        exit_code = 0;
    });
}

struct VerifyArgs {
    index::VerifyOptions options;
    std::string root, state, now;
    bool metadata_only = false;
};

void add_verify(CLI::App& index_app, const GlobalOptions& global, int& exit_code) {
    auto args = std::make_shared<VerifyArgs>();
    CLI::App* cmd = index_app.add_subcommand("verify", "Verify a published repository from a trusted root");
    cmd->add_option("source", args->options.source, "Repository directory or http(s) URL")->required();
    cmd->add_option("--root", args->root, "Trusted root.json")->required();
    cmd->add_option("--state", args->state, "Where the last trusted versions are kept (default ~/.cache/wasm-build/trust)");
    cmd->add_flag("--metadata-only", args->metadata_only, "Check the signed metadata but not every file");
    cmd->add_option("--now", args->now, "Verification time (testing)")->group("");
    cmd->callback([args, &global, &exit_code] {
        index::VerifyOptions& o = args->options;
        o.trusted_root = args->root;
        o.state = args->state.empty() ? index::default_trust_root(global.env) : std::filesystem::path(args->state);
        o.source_options.temp_root = util::temp_root(global.env);
        o.check_files = !args->metadata_only;
        auto now = parse_now(args->now);
        if (!now) return void(exit_code = report_error(now.error()));
        o.now = *now;
        fetch::CurlDownloader downloader;
        auto report = index::verify_repository(o, downloader);
        if (!report) return void(exit_code = report_error(report.error()));
        fmt::print(stderr, "Verified {}: root v{}, timestamp v{}, snapshot v{}, targets v{}; {} files, {} bytes\n",
                   o.source, report->root_version, report->timestamp_version, report->snapshot_version,
                   report->targets_version, report->files_checked, report->bytes_checked);
        if (global.json) {
            fmt::print("{}\n", json{{"root_version", report->root_version}, {"timestamp_version", report->timestamp_version},
                                    {"snapshot_version", report->snapshot_version},
                                    {"targets_version", report->targets_version},
                                    {"files_checked", report->files_checked},
                                    {"bytes_checked", report->bytes_checked}}.dump());
        }
        exit_code = 0;
    });
}

void add_mirror(CLI::App& index_app, const GlobalOptions& global, int& exit_code) {
    auto options = std::make_shared<index::MirrorOptions>();
    auto dest = std::make_shared<std::string>();
    auto root = std::make_shared<std::string>();
    CLI::App* cmd = index_app.add_subcommand("mirror", "Replicate a published repository, verified, into DIR");
    cmd->add_option("source", options->source, "Repository directory or http(s) URL")->required();
    cmd->add_option("dir", *dest, "Mirror path")->required();
    cmd->add_option("--root", *root, "Trusted root.json")->required();
    cmd->callback([options, dest, root, &global, &exit_code] {
        options->dest = *dest;
        options->trusted_root = *root;
        options->source_options.temp_root = util::temp_root(global.env);
        fetch::CurlDownloader downloader;
        auto result = index::mirror_repository(*options, downloader);
        if (!result) return void(exit_code = report_error(result.error()));
        if (result->up_to_date) {
            fmt::print(stderr, "Mirror {} is up to date (timestamp v{})\n", *dest, result->timestamp_version);
        } else {
            fmt::print(stderr, "Mirrored {} files into {}: {} downloaded ({} bytes), {} unchanged, {} resumed\n",
                       result->files, *dest, result->downloaded, result->bytes_downloaded, result->linked,
                       result->resumed);
        }
        if (global.json) {
            fmt::print("{}\n", json{{"generation", result->generation.string()}, {"up_to_date", result->up_to_date},
                                    {"files", result->files}, {"downloaded", result->downloaded},
                                    {"linked", result->linked}, {"resumed", result->resumed},
                                    {"bytes_downloaded", result->bytes_downloaded},
                                    {"timestamp_version", result->timestamp_version}}.dump());
        }
        exit_code = 0;
    });
}

}  // namespace

/// The lock file's info for a platform, as its stock runtime's own lock file states it.
util::Expected<index::LockInfo> lock_info_for(const GlobalOptions& given, const std::string& name) {
    GlobalOptions global = resolve_globals(given);
    auto set = platform::PlatformSet::load(std::filesystem::absolute(global.project_dir));
    if (!set) return tl::unexpected(set.error());
    const platform::Platform* p = set->find(name);
    if (!p) return util::fail(util::ErrorKind::Usage, fmt::format("--for: unknown platform '{}'", name));
    return lock_info_of(*p);
}

index::LockInfo lock_info_of(const platform::Platform& p) {
    index::LockInfo info;
    info.arch = "wasm32";
    info.platform = "emscripten_" + util::replace_all(p.runtime.emscripten, ".", "_");
    info.python = p.runtime.python_version;
    info.abi_version = p.abi_version.empty() ? p.tag : p.abi_version;
    return info;
}

void register_index_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    CLI::App* index_app = app.add_subcommand("index", "Publish, verify, serve and mirror the package repository");
    index_app->require_subcommand(1);
    add_publish(*index_app, global, exit_code);
    add_keygen(*index_app, exit_code);
    add_verify(*index_app, global, exit_code);
    add_mirror(*index_app, global, exit_code);
    register_index_serve_command(*index_app, global, exit_code);
}

}  // namespace wb::cli
