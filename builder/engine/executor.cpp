#include "engine/executor.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "engine/node_builder.hpp"
#include "graph/plan.hpp"
#include "util/subprocess.hpp"

namespace wb::engine {
namespace fs = std::filesystem;

std::optional<BuildResult> latest_result(const CacheLayout& layout, const std::string& platform, const std::string& name) {
    std::optional<BuildResult> best;
    fs::file_time_type best_time{};
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(layout.builds(platform, name), ec)) {
        fs::path record = e.path() / "result.json";
        if (!fs::exists(record, ec)) continue;
        auto t = fs::last_write_time(record, ec);
        if (best && t <= best_time) continue;
        if (auto r = read_result(e.path())) {
            best = *r;
            best_time = t;
        }
    }
    return best;
}

Executor::Executor(const BuildContext& ctx, const graph::BuildGraph& graph, Status& status, NodeBuildFn build_fn)
    : m_ctx(ctx), m_graph(graph), m_status(status), m_build_fn(std::move(build_fn)) {}

util::Expected<void> Executor::compute_keys() {
    size_t n = m_graph.size();
    m_inputs.assign(n, {});
    m_reasons.assign(n, {});
    m_weights.assign(n, 1.0);
    m_cached.assign(n, false);
    for (size_t i : m_graph.topological_order()) {
        const auto& node = m_graph.node(i);
        std::vector<std::pair<std::string, std::string>> dep_keys;
        for (size_t d : node.host_deps) dep_keys.emplace_back(m_graph.node(d).recipe->name, m_inputs[d].key());
        auto inputs = compute_key_inputs(*node.recipe, m_ctx.project_dir, node.platform, m_ctx.toolchain.identity(node.recipe->type == recipe::BuildType::Package),
                                         dep_keys);
        if (!inputs) return tl::unexpected(inputs.error());
        m_inputs[i] = std::move(*inputs);
        std::string key = m_inputs[i].key();
        std::error_code ec;
        m_cached[i] = fs::exists(m_ctx.layout.build_dir(node.platform.name, node.recipe->name, key) / "result.json", ec);
        auto previous = latest_result(m_ctx.layout, node.platform.name, node.recipe->name);
        if (previous) m_weights[i] = std::max(1.0, previous->build_seconds);
        if (m_cached[i]) continue;
        if (!previous) m_reasons[i] = {"never built"};
        else m_reasons[i] = KeyInputs::differences(previous->inputs, m_inputs[i]);
        if (m_reasons[i].empty()) m_reasons[i] = {"no finished build with this key"};
    }
    return {};
}

void Executor::plan_line(size_t i, RunSummary& summary) {
    const auto& node = m_graph.node(i);
    BuildResult r;
    r.name = node.recipe->name;
    r.version = node.recipe->version;
    r.key = m_inputs[i].key();
    r.reasons = m_reasons[i];
    r.outcome = m_cached[i] ? Outcome::Cached : Outcome::Skipped;
    m_status.message(m_cached[i] ? fmt::format("{} {}: up to date", r.name, r.version)
                                 : fmt::format("{} {}: would build ({})", r.name, r.version,
                                               fmt::join(m_reasons[i], "; ")));
    summary.results[i] = r;
}

util::Expected<RunSummary> Executor::run(const RunOptions& options) {
    if (auto k = compute_keys(); !k) return tl::unexpected(k.error());
    RunSummary summary;
    summary.results.resize(m_graph.size());
    if (options.dry_run) {
        for (size_t i : m_graph.topological_order()) plan_line(i, summary);
        return summary;
    }
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
        bool ok = r.outcome == Outcome::Built || r.outcome == Outcome::Cached;
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
            if (m_cached[i]) {
                auto r = read_result(m_ctx.layout.build_dir(node.platform.name, node.recipe->name, m_inputs[i].key()));
                if (r) {
                    summary.results[i] = *r;
                    summary.results[i].outcome = Outcome::Cached;
                    settle(i);
                    continue;
                }
                m_reasons[i] = {"cache record unreadable"};
            }
            NodeInputs in;
            in.node = &node;
            in.key_inputs = m_inputs[i];
            in.reasons = m_reasons[i];
            for (size_t d : m_graph.transitive_host_deps(i)) {
                in.deps.push_back(&summary.results[d]);
                if (m_graph.node(d).recipe->type == recipe::BuildType::Runtime) in.runtime = &summary.results[d];
            }
            m_status.build_started(node.recipe->name, m_reasons[i]);
            ++running;
            threads.emplace_back([&, i, in] {
                BuildResult r = m_build_fn(m_ctx, in);
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
    for (size_t i = 0; i < m_graph.size(); ++i) {
        BuildResult& r = summary.results[i];
        const auto& node = m_graph.node(i);
        if (plan.state(i) == graph::NodeState::Skipped) {
            r.name = node.recipe->name;
            r.version = node.recipe->version;
            r.key = m_inputs[i].key();
            r.outcome = Outcome::Skipped;
            r.error = summary.interrupted ? "interrupted" : "a dependency failed or the run stopped";
            for (size_t d : m_graph.transitive_host_deps(i)) {
                if (summary.results[d].outcome == Outcome::Failed) r.error = "dependency " + summary.results[d].name + " failed";
            }
            m_status.build_finished(r);
        }
        switch (r.outcome) {
            case Outcome::Built: ++summary.built; break;
            case Outcome::Cached: ++summary.cached; break;
            case Outcome::Failed: ++summary.failed; break;
            case Outcome::Skipped: ++summary.skipped; break;
        }
    }
    return summary;
}

}  // namespace wb::engine
