#pragma once
// Getting the wasm runtime ready for a command: build the runtime and the chosen packages (with
// their run dependencies), then make the site-packages and the interpreter that sees it.
#include <vector>

#include "engine/executor.hpp"
#include "cli/session.hpp"
#include "runtime/interpreter.hpp"
#include "runtime/package_tester.hpp"

namespace wb::cli {

struct BuiltSet {
    graph::BuildGraph graph;
    engine::RunSummary summary;
    std::vector<size_t> requested;  ///< the nodes the user named (all when none)
    size_t runtime = 0;             ///< the runtime's node
};

/// Builds targets plus the runtime; fails when the runtime itself could not be built.
util::Expected<BuiltSet> build_for_runtime(Session& session, const std::vector<std::string>& targets, bool keep_going);

/// The interpreter and site-packages to test node i (its wheel, its run dependencies' wheels and its
/// test data), or an error when i or a dependency was not built.
util::Expected<runtime::TestRequest> make_test_request(Session& session, const BuiltSet& built, size_t i, bool suite);

/// An interpreter with the named packages (default: the wheels in <project>/dist) installed.
util::Expected<runtime::Interpreter> interpreter_with(Session& session, const std::vector<std::string>& targets);

}  // namespace wb::cli
