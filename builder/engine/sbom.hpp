#pragma once
// The PEP 770 software bill of materials a wheel carries (.dist-info/sboms/wasm-build.cdx.json,
// CycloneDX 1.6 JSON): the package from its source (with the source's sha256 and every patch), the
// C libraries linked into it (version, source hash, patches), the toolchain root and the platform.
// Everything comes from the build's key inputs; the document is deterministic (no timestamps).
#include <string>
#include <vector>

#include "engine/build_result.hpp"
#include "graph/build_graph.hpp"

namespace wb::engine {

struct SbomInputs {
    const graph::Node* node = nullptr;
    std::string key;
    KeyInputs inputs;
    std::vector<const BuildResult*> libraries;  ///< static/shared libraries it was built against
    std::string toolchain_identity;
};

/// The CycloneDX JSON text (pretty-printed, sorted keys).
std::string make_sbom(const SbomInputs& in);

}  // namespace wb::engine
