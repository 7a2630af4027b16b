#pragma once
// Builds one node: fetch the source, unpack it safely, copy extras, apply patches, run the build
// (a script for libraries and the runtime; the package's own build for Python packages, then a
// wheel), and record the result. Output appears in the cache only complete (result.json last).
#include <vector>

#include "engine/build_context.hpp"
#include "engine/build_result.hpp"
#include "graph/build_graph.hpp"

namespace wb::engine {

struct NodeInputs {
    const graph::Node* node = nullptr;
    KeyInputs key_inputs;
    std::vector<std::string> reasons;         ///< why it is being built
    std::vector<const BuildResult*> deps;     ///< finished host deps, transitively, deps first
    const BuildResult* runtime = nullptr;     ///< for package recipes
};

/// Runs the build; a failure is a result (outcome Failed), never an exception.
BuildResult build_node(const BuildContext& ctx, const NodeInputs& in);

/// The shell text a `package` recipe's build runs (its script, then the Python build and install).
std::string package_build_script(const BuildContext& ctx, const recipe::Recipe& recipe);

}  // namespace wb::engine
