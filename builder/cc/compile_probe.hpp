#pragma once
// The compile half of `wasm-cc --probe`: which clang emcc runs and which flags it adds for a call
// with the platform's ABI flags (and for which parts of them, and which other flags change that),
// then a check that a compile planned without emcc gives emcc's bytes.
#include <string>
#include <vector>

#include "cc/probe_session.hpp"
#include "cc/toolchain_config.hpp"
#include "util/error.hpp"

namespace wb::cc {

/// The probe's C source (setjmp/longjmp) and C++ source (throw/catch), and their objects, compiled
/// by emcc with the ABI flags: the side-link probes link these.
inline constexpr const char* k_probe_c_object = "probe.c.o";
inline constexpr const char* k_probe_cxx_object = "probe.cpp.o";

/// Fills target, cflags, cxxflags, abi_compile_subsets and compile_emcc_flags from `emcc --cflags`.
util::Expected<void> probe_clang_flags(ProbeSession& session, ToolchainConfig& config);

/// Compiles the probe sources with emcc and em++ and records the clang each one runs.
util::Expected<void> probe_compilers(ProbeSession& session, ToolchainConfig& config);

/// Compiles the probe sources both ways (emcc; wasm-cc's own plan) and compares the objects; returns
/// the differences found (empty: byte-identical).
std::vector<std::string> check_direct_compiles(ProbeSession& session, const ToolchainConfig& config);

}  // namespace wb::cc
