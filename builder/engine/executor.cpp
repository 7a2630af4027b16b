#include "engine/executor.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "util/subprocess.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

util::Expected<std::vector<KeyInputs>> compute_keys(const graph::BuildGraph& graph, const KeyContext& ctx) {
    std::vector<KeyInputs> keys(graph.size());
    for (size_t i : graph.topological_order()) {
        const auto& node = graph.node(i);
        std::vector<std::pair<std::string, std::string>> dep_keys;
        for (size_t d : node.host_deps) dep_keys.emplace_back(graph.node(d).recipe->name, keys[d].key());
        auto inputs = compute_key_inputs(node, ctx, dep_keys);
        if (!inputs) return tl::unexpected(inputs.error());
        keys[i] = std::move(*inputs);
    }
    return keys;
}

NodeForecast forecast(const graph::BuildGraph& graph, const BuildCache& cache, const std::vector<KeyInputs>& keys) {
    size_t n = graph.size();
    NodeForecast f{std::vector<std::vector<std::string>>(n), std::vector<double>(n, 1.0)};
    for (size_t i = 0; i < n; ++i) {
        const auto& node = graph.node(i);
        auto previous = cache.latest(node.recipe->name, node.variant());
        if (previous) f.weights[i] = std::max(1.0, previous->build_seconds);
        if (cache.has(node.recipe->name, keys[i].key())) continue;
        if (!previous) f.reasons[i] = {"never built"};
        else f.reasons[i] = KeyInputs::differences(previous->inputs, keys[i]);
        if (f.reasons[i].empty()) f.reasons[i] = {"no finished build with this key"};
    }
    return f;
}

void tally(RunSummary& summary) {
    summary.built = summary.cached = summary.failed = summary.skipped = summary.would_build = 0;
    for (const auto& r : summary.results) {
        switch (r.outcome) {
            case Outcome::Built: ++summary.built; break;
            case Outcome::Cached: ++summary.cached; break;
            case Outcome::Failed: ++summary.failed; break;
            case Outcome::Skipped: ++summary.skipped; break;
            case Outcome::WouldBuild: ++summary.would_build; break;
        }
    }
}

void Executor::prepare(const std::vector<KeyInputs>& keys) {
    m_inputs = keys;
    NodeForecast f = forecast(m_graph, m_cache, keys);
    m_reasons = std::move(f.reasons);
    m_weights = std::move(f.weights);
}

NodeJob Executor::job_for(size_t i, const RunSummary& summary) const {
    NodeJob job;
    job.node = &m_graph.node(i);
    job.key_inputs = m_inputs[i];
    job.key = m_inputs[i].key();
    job.reasons = m_reasons[i];
    for (size_t d : m_graph.transitive_host_deps(i)) job.deps.push_back(&summary.results[d]);
    return job;
}

void Executor::count(RunSummary& summary, const graph::Plan& plan) {
    for (size_t i = 0; i < m_graph.size(); ++i) {
        BuildResult& r = summary.results[i];
        const auto& node = m_graph.node(i);
        if (plan.state(i) == graph::NodeState::Skipped) {
            r.name = node.recipe->name;
            r.version = node.recipe->version;
            r.variant = node.variant();
            r.key = m_inputs[i].key();
            r.outcome = Outcome::Skipped;
            r.error = summary.interrupted ? "interrupted" : "the run stopped after a failure";
            for (size_t d : m_graph.transitive_host_deps(i)) {
                if (summary.results[d].outcome == Outcome::Failed) r.error = "dependency " + summary.results[d].name + " failed";
            }
            m_status.build_finished(r);
        }
    }
    tally(summary);
}

util::Expected<RunSummary> Executor::run(const KeyContext& key_context, const RunOptions& options) {
    auto keys = compute_keys(m_graph, key_context);
    if (!keys) return tl::unexpected(keys.error());
    prepare(*keys);
    RunSummary summary;
    summary.results.resize(m_graph.size());
    graph::Plan plan(m_graph, m_weights);
    m_status.run_started(m_graph.size());
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<size_t> finished;
    std::vector<std::thread> threads;
    int running = 0;
    bool stop = false;
    auto settle = [&](size_t i) {
        BuildResult& r = summary.results[i];
        bool ok = r.ok() || r.outcome == Outcome::WouldBuild;
        plan.finished(i, ok);
        m_status.build_finished(r);
        if (!ok && !options.keep_going) stop = true;
    };
    while (!plan.all_settled()) {
        if (util::interrupted()) stop = summary.interrupted = true;
        if (stop) plan.cancel_waiting();
        while (!stop && running < std::max(1, options.jobs)) {
            auto next = plan.take_ready();
            if (!next) break;
            size_t i = *next;
            const auto& node = m_graph.node(i);
            std::string problem;
            if (auto cached = m_cache.lookup(node.recipe->name, m_inputs[i].key(), &problem)) {
                summary.results[i] = std::move(*cached);
                settle(i);
                continue;
            }
            if (!problem.empty()) {
                m_reasons[i] = {"the cached build failed verification: " + problem};
                m_status.message(fmt::format("warning: {}: {}; building it again", node.id(), problem));
            }
            NodeJob job = job_for(i, summary);
            BuildResult probe;
            probe.name = node.recipe->name;
            probe.variant = node.variant();
            if (m_runner.builds()) m_status.build_started(node_label(probe), job.reasons);
            ++running;
            threads.emplace_back([&, i, job = std::move(job)] {
                BuildResult r = m_runner.run(job);
                std::lock_guard lock(mutex);
                summary.results[i] = std::move(r);
                finished.push_back(i);
                cv.notify_all();
            });
        }
        std::unique_lock lock(mutex);
        if (running == 0) {
            if (plan.all_settled()) break;
            if (stop) { plan.cancel_waiting(); continue; }
            if (!plan.any_running()) break;  // nothing ready and nothing running: cannot happen in a DAG
        }
        cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return !finished.empty(); });
        for (size_t i : finished) {
            --running;
            settle(i);
        }
        finished.clear();
    }
    for (auto& t : threads) t.join();
    summary.interrupted = summary.interrupted || util::interrupted();
    count(summary, plan);
    return summary;
}

}  // namespace wb::engine
