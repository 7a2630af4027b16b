// `wasm-build abi-check WHEEL… [--platform P] [--shared-library ZIP…]`: checks wheels' side modules
// against a platform's stock runtime (the platform is taken from each wheel's tag unless given),
// with the shared-library packages they depend on as declared libraries.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "abi/check_wheel.hpp"
#include "cli/command.hpp"
#include "cli/session.hpp"
#include "engine/abi_step.hpp"
#include "specs/wheel_name.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

namespace {

util::Expected<const platform::Platform*> platform_of(const Session& s, const fs::path& wheel, bool named) {
    if (named) return s.platforms().front();
    auto name = specs::WheelName::parse(wheel.filename().string());
    if (!name) return tl::unexpected(name.error());
    for (const auto& p : s.platform_set().all()) {
        if (p.tag == name->platform_tag) return &p;
    }
    return util::fail(util::ErrorKind::Usage, fmt::format("{}: no platform has the tag '{}' (give --platform)",
                                                          wheel.string(), name->platform_tag));
}

int run_abi_check(const GlobalOptions& global, const BuildCommandOptions& options, const std::vector<std::string>& wheels,
                  const std::vector<std::string>& shared_libraries) {
    auto session = Session::open(global, options, /*need_toolchains=*/false);
    if (!session) return report_error(session.error());
    Session& s = **session;
    int failures = 0;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& file : wheels) {
        auto p = platform_of(s, file, !options.platforms.empty());
        if (!p) return report_error(p.error());
        auto dir = s.runtimes().ensure((*p)->runtime);
        if (!dir) return report_error(dir.error());
        auto abi = engine::runtime_abi(*dir);
        if (!abi) return report_error(abi.error());
        auto report = abi::check_wheel(file, *abi, {shared_libraries.begin(), shared_libraries.end()});
        if (!report) return report_error(report.error());
        fmt::print(stderr, "{} [{}]:\n{}\n", file, (*p)->name, report->render());
        failures += !report->ok();
        out.push_back({{"wheel", file}, {"platform", (*p)->name}, {"ok", report->ok()},
                       {"errors", report->error_count()}, {"warnings", report->warning_count()}});
    }
    if (s.json()) fmt::print("{}\n", out.dump(2));
    return failures ? 1 : 0;
}

}  // namespace

void register_abi_check_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    auto options = std::make_shared<BuildCommandOptions>();
    auto wheels = std::make_shared<std::vector<std::string>>();
    auto libraries = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = app.add_subcommand("abi-check", "Check wheels' side modules against a platform's stock runtime");
    cmd->add_option("wheels", *wheels, "Wheels to check")->required();
    cmd->add_option("--platform", options->platforms, "Platform (default: from each wheel's tag)");
    cmd->add_option("--shared-library", *libraries,
                    "A shared-library package (NAME-VERSION.zip) the wheels depend on; repeatable")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--offline", options->offline, "Use only runtimes already in the cache");
    cmd->callback([&global, &exit_code, options, wheels, libraries] {
        exit_code = run_abi_check(global, *options, *wheels, *libraries);
    });
}

}  // namespace wb::cli
