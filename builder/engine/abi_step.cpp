#include "engine/abi_step.hpp"

#include <fmt/format.h>

#include "abi/check_wheel.hpp"
#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

util::Expected<abi::RuntimeAbi> runtime_abi(const fs::path& npm_package_dir) {
    fs::path cached = npm_package_dir.parent_path() / "abi.json";
    if (auto text = util::read_file(cached)) {
        if (auto abi = abi::RuntimeAbi::from_json(*text)) return abi;
    }
    auto abi = abi::RuntimeAbi::from_npm_package(npm_package_dir);
    if (!abi) return abi;
    (void)util::write_file_atomic(cached, abi->to_json());
    return abi;
}

util::Expected<std::string> check_wheels(const std::vector<fs::path>& wheels, const abi::RuntimeAbi& abi,
                                         const std::string& platform, const std::vector<fs::path>& shared_libraries) {
    std::string warnings;
    std::vector<fs::path> declared = wheels;
    declared.insert(declared.end(), shared_libraries.begin(), shared_libraries.end());
    for (const auto& wheel : wheels) {
        auto report = abi::check_wheel(wheel, abi, declared);
        if (!report) return tl::unexpected(report.error());
        if (!report->ok()) {
            return util::fail(util::ErrorKind::Build, fmt::format("platform {}: {} fails the ABI check:\n{}", platform,
                                                                  wheel.filename().string(), report->render()));
        }
        if (report->warning_count() > 0) warnings += report->render();
    }
    return warnings;
}

}  // namespace wb::engine
