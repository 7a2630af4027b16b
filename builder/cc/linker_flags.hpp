#pragma once
// Linker options as build systems pass them for ELF hosts (-Wl,-rpath,…, -Xlinker --as-needed, or a
// direct `ld` call), filtered to what wasm-ld takes. The drop rules follow emcc's own list (so that
// a link through wasm-cc matches a link through emcc) plus ELF-only options wasm-ld refuses.
#include <string>
#include <vector>

namespace wb::cc {

struct LinkerFilterResult {
    std::vector<bool> keep;            ///< per input piece
    std::vector<std::string> dropped;  ///< the dropped pieces, for the log
};

/// Decides piece by piece; an option that takes a value drops its value too, even when the value
/// arrives in the next -Wl, group ("-Wl,-rpath -Wl,/usr/lib").
LinkerFilterResult filter_linker_pieces(const std::vector<std::string>& pieces);

/// True for the ELF-only options emcc itself ignores (soname, rpath, version-script…).
bool emcc_ignores_linker_option(const std::string& piece);

}  // namespace wb::cc
