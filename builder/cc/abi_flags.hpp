#pragma once
// The platform's ABI flags (-fwasm-exceptions -sSUPPORT_LONGJMP=wasm for stock Pyodide) as a call
// carries them. The probe recorded emcc's clang flags and link steps for calls with all of them, so
// a call is planned without emcc only when its Emscripten settings and ABI flags are ones the probe
// saw; everything else goes to emcc, which is slow but never wrong.
#include <string>
#include <string_view>
#include <vector>

#include "cc/driver_args.hpp"
#include "cc/toolchain_config.hpp"

namespace wb::cc {

/// Flags emcc reads as settings that clang also sees. The probe asks emcc, for each one that is not
/// an ABI flag, whether it changes the clang flags emcc adds (-nostdinc does, -fexceptions does
/// without -fwasm-exceptions…); `compile_emcc_flags` keeps those that do.
inline constexpr std::string_view k_setting_flags[] = {
    "-fexceptions",  "-fno-exceptions",       "-fignore-exceptions",   "-fwasm-exceptions",
    "-nostdinc",     "-sSIDE_MODULE=1",       "-mbulk-memory",         "-mno-bulk-memory",
    "-ffast-math",   "-mnontrapping-fptoint", "-mno-nontrapping-fptoint", "-flto",
};

/// The ABI flags of a configuration, split as the driver splits a command line.
class AbiFlags {
public:
    explicit AbiFlags(const ToolchainConfig& config);

    const std::vector<DriverArg>& args() const { return m_abi; }
    /// The argument is one of the ABI flags (`-sSUPPORT_LONGJMP=wasm` also as `-s SUPPORT_LONGJMP=wasm`).
    bool is_abi_arg(const DriverArg& arg) const;
    /// An argument emcc consumes and clang never sees: an ABI setting or -sSIDE_MODULE=1.
    bool is_absorbed_setting(const DriverArg& arg) const;

    /// Why emcc must compile this call; empty when the probed clang flags are emcc's for it (or, for
    /// a preprocess-only call, give emcc's output).
    std::string compile_reason(const std::vector<DriverArg>& args, bool preprocess_only = false) const;
    /// Why emcc must link this side module; empty when the probed link steps are emcc's for it.
    std::string side_link_reason(const std::vector<DriverArg>& args) const;

private:
    /// The ABI flags the call carries, in abi_flags order, joined by one space.
    std::string present_key(const std::vector<DriverArg>& args) const;
    /// Why a -s setting that is not an ABI flag sends the call to emcc; empty if there is none.
    std::string foreign_setting(const std::vector<DriverArg>& args) const;
    std::string missing_text(const std::vector<DriverArg>& args) const;

    const ToolchainConfig& m_config;
    std::vector<DriverArg> m_abi;
    std::string m_all_key;
};

/// Every subset of the ABI flags but the whole (at most 4 flags: 15 subsets), the empty one included.
std::vector<std::vector<DriverArg>> proper_subsets(const std::vector<DriverArg>& abi);

/// A subset's key in `abi_compile_subsets`: its words joined by one space.
std::string subset_key(const std::vector<DriverArg>& subset);

/// The same option with the same value, however it was spelled (`-sX=1` or `-s X=1`).
bool same_arg(const DriverArg& a, const DriverArg& b);

}  // namespace wb::cc
