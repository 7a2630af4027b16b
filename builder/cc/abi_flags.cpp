#include "cc/abi_flags.hpp"

#include <algorithm>

#include "cc/invocation.hpp"
#include "util/strings.hpp"

namespace wb::cc {
namespace {

constexpr size_t k_max_subset_flags = 4;

bool has_arg(const std::vector<DriverArg>& args, const DriverArg& wanted) {
    return std::any_of(args.begin(), args.end(), [&](const DriverArg& a) { return same_arg(a, wanted); });
}

/// A flag as written in the configuration ("-sSIDE_MODULE=1"), as the driver splits it.
DriverArg parse_flag(std::string_view word) {
    auto split = split_driver_args({std::string(word)});
    return split.empty() ? DriverArg::flag(std::string(word)) : split.front();
}

}  // namespace

bool same_arg(const DriverArg& a, const DriverArg& b) {
    return a.kind == b.kind && a.name == b.name && a.value == b.value;
}

std::vector<std::vector<DriverArg>> proper_subsets(const std::vector<DriverArg>& abi) {
    std::vector<std::vector<DriverArg>> subsets;
    if (abi.size() > k_max_subset_flags) return subsets;
    size_t whole = (size_t{1} << abi.size()) - 1;
    for (size_t mask = 0; mask < whole; ++mask) {
        std::vector<DriverArg> subset;
        for (size_t i = 0; i < abi.size(); ++i) {
            if (mask & (size_t{1} << i)) subset.push_back(abi[i]);
        }
        subsets.push_back(std::move(subset));
    }
    return subsets;
}

std::string subset_key(const std::vector<DriverArg>& subset) { return util::join(join_driver_args(subset), " "); }

AbiFlags::AbiFlags(const ToolchainConfig& config)
    : m_config(config), m_abi(split_driver_args(config.abi_flags)), m_all_key(subset_key(m_abi)) {}

bool AbiFlags::is_abi_arg(const DriverArg& arg) const { return has_arg(m_abi, arg); }

bool AbiFlags::is_absorbed_setting(const DriverArg& arg) const {
    return is_setting(arg) && (is_side_module_setting(arg) || is_abi_arg(arg));
}

std::string AbiFlags::present_key(const std::vector<DriverArg>& args) const {
    std::vector<DriverArg> present;
    for (const auto& abi : m_abi) {
        if (has_arg(args, abi)) present.push_back(abi);
    }
    return subset_key(present);
}

std::string AbiFlags::foreign_setting(const std::vector<DriverArg>& args) const {
    for (const auto& arg : args) {
        if (!is_setting(arg) || is_absorbed_setting(arg)) continue;
        std::string reason = "Emscripten setting -s" + arg.value;
        if (!m_abi.empty()) reason += " (not one of the probed ABI flags " + m_all_key + ")";
        return reason;
    }
    return {};
}

std::string AbiFlags::missing_text(const std::vector<DriverArg>& args) const {
    std::vector<std::string> missing;
    for (const auto& abi : m_abi) {
        if (!has_arg(args, abi)) missing.push_back(util::join(abi.words(), " "));
    }
    return "lacks " + util::join(missing, " ") + " of the probed ABI flags " + m_all_key;
}

std::string AbiFlags::compile_reason(const std::vector<DriverArg>& args, bool preprocess_only) const {
    if (!m_config.direct_compile) return "the probe's compile check failed: every compile goes to emcc";
    if (std::string foreign = foreign_setting(args); !foreign.empty()) return foreign;
    for (const auto& word : m_config.compile_emcc_flags) {
        if (has_arg(args, parse_flag(word))) return word + " changes the clang flags emcc adds (seen by the probe)";
    }
    std::string key = present_key(args);
    if (key == m_all_key) return {};
    auto listed = [&](const std::vector<std::string>& subsets) {
        return std::find(subsets.begin(), subsets.end(), key) != subsets.end();
    };
    if (!listed(m_config.abi_compile_subsets) && !(preprocess_only && listed(m_config.abi_preprocess_subsets))) {
        return missing_text(args);
    }
    // The probe compared this subset's clang flags on their own, not together with other flags that
    // emcc reads as settings.
    for (std::string_view word : k_setting_flags) {
        DriverArg flag = parse_flag(word);
        if (!is_abi_arg(flag) && has_arg(args, flag)) {
            return std::string(word) + " with part of the ABI flags (" + missing_text(args) + ")";
        }
    }
    return {};
}

std::string AbiFlags::side_link_reason(const std::vector<DriverArg>& args) const {
    if (std::string foreign = foreign_setting(args); !foreign.empty()) return foreign;
    if (present_key(args) != m_all_key) return "side-module link " + missing_text(args);
    return {};
}

}  // namespace wb::cc
