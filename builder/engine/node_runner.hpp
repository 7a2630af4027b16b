#pragma once
// What the executor hands a node to: the seam between "what to build, in which order" (Executor)
// and "how one node is built" (LocalNodeRunner in local_node_runner.hpp, a Slurm job, a fake in
// tests). A dry run is just another runner: it says what it would build and why.
#include <string>
#include <vector>

#include "engine/build_key.hpp"
#include "engine/build_result.hpp"
#include "graph/build_graph.hpp"

namespace wb::engine {

struct NodeJob {
    const graph::Node* node = nullptr;
    KeyInputs key_inputs;
    std::string key;
    std::vector<std::string> reasons;      ///< why it is being built
    std::vector<const BuildResult*> deps;  ///< finished host deps, transitively, dependencies first
};

class NodeRunner {
public:
    virtual ~NodeRunner() = default;
    /// Builds one node; a failure is a result (outcome Failed), never an exception.
    virtual BuildResult run(const NodeJob& job) = 0;
    /// False for runners that build nothing (no "Building …" line is printed for them).
    virtual bool builds() const { return true; }
};

/// Builds nothing: every node it is given would be built, for the reasons the job carries.
class DryRunNodeRunner final : public NodeRunner {
public:
    BuildResult run(const NodeJob& job) override {
        BuildResult r;
        r.name = job.node->recipe->name;
        r.version = job.node->recipe->version;
        r.variant = job.node->variant();
        r.key = job.key;
        r.inputs = job.key_inputs;
        r.reasons = job.reasons;
        r.outcome = Outcome::WouldBuild;
        return r;
    }
    bool builds() const override { return false; }
};

}  // namespace wb::engine
