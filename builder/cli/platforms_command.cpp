// `wasm-build platforms`: the platforms the project builds for, from platforms/*.yaml.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/session.hpp"
#include "platform/platform_set.hpp"

namespace wb::cli {
namespace fs = std::filesystem;

namespace {

int run_platforms(const GlobalOptions& given) {
    GlobalOptions global = resolve_globals(given);
    auto set = platform::PlatformSet::load(fs::absolute(global.project_dir));
    if (!set) return report_error(set.error());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : set->all()) {
        const auto& tc = set->toolchain_of(p);
        std::string state = p.is_default ? "default" : p.enabled ? "enabled" : "disabled";
        fmt::print(stderr, "{:<22} {:<28} Python {:<5} toolchain {} ({})  runtime {}  [{}]\n", p.name, p.tag,
                   p.python_version, tc.name, tc.identity.empty() ? "no lock" : tc.short_id(), p.runtime.id(), state);
        out.push_back({{"name", p.name}, {"tag", p.tag}, {"abi_version", p.abi_version},
                       {"python", p.python_version}, {"toolchain", tc.name}, {"toolchain_identity", tc.identity},
                       {"runtime", p.runtime.id()}, {"runtime_integrity", p.runtime.integrity},
                       {"enabled", p.enabled}, {"default", p.is_default}, {"identity", p.identity},
                       {"cflags", p.cflags}, {"ldflags", p.ldflags}});
    }
    if (global.json) fmt::print("{}\n", out.dump(2));
    return 0;
}

}  // namespace

void register_platforms_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
    app.add_subcommand("platforms", "List the target platforms (platforms/*.yaml)")->callback([&global, &exit_code] {
        exit_code = run_platforms(global);
    });
}

}  // namespace wb::cli
