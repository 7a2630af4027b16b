#pragma once
// A NodeRunner for executor tests: "builds" a node by writing one product file and a real
// result.json into the cache (so BuildCache answers as in production), fails the nodes it is told
// to, and records what it was asked: which nodes, with which dependencies and reasons, and how
// many ran at once. Nodes named in a rendezvous wait for each other, which only parallel runs pass.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "engine/cache_layout.hpp"
#include "engine/node_runner.hpp"
#include "util/hash.hpp"

namespace wb::fakes {

class FakeNodeRunner final : public engine::NodeRunner {
public:
    explicit FakeNodeRunner(engine::CacheLayout layout) : m_layout(std::move(layout)) {}

    /// Nodes of this recipe fail (outcome Failed, error "boom").
    void fail(const std::string& name) { m_failing.insert(name); }
    /// These recipes' nodes each wait (up to 5 s) until all of them have started.
    void rendezvous(std::set<std::string> names) { m_rendezvous = std::move(names); }

    /// Node ids in the order they were started.
    std::vector<std::string> started() const {
        std::lock_guard lock(m_mutex);
        return m_started;
    }
    int max_parallel() const {
        std::lock_guard lock(m_mutex);
        return m_max_running;
    }
    bool rendezvous_met() const {
        std::lock_guard lock(m_mutex);
        return m_met;
    }
    /// The names of the dependencies and the reasons each node id was given.
    std::map<std::string, std::vector<std::string>> deps, reasons;

    engine::BuildResult run(const engine::NodeJob& job) override {
        const auto& node = *job.node;
        std::string id = node.id();
        {
            std::unique_lock lock(m_mutex);
            m_started.push_back(id);
            m_max_running = std::max(m_max_running, ++m_running);
            for (const auto* d : job.deps) deps[id].push_back(d->name);
            reasons[id] = job.reasons;
            if (m_rendezvous.count(node.recipe->name)) {
                m_arrived.insert(node.recipe->name);
                m_cv.notify_all();
                m_met = m_cv.wait_for(lock, std::chrono::seconds(5), [&] { return m_arrived == m_rendezvous; });
            }
        }
        engine::BuildResult r = build(job);
        std::lock_guard lock(m_mutex);
        --m_running;
        return r;
    }

private:
    engine::BuildResult build(const engine::NodeJob& job) {
        const auto& node = *job.node;
        engine::BuildResult r;
        r.name = node.recipe->name;
        r.version = node.recipe->version;
        r.type = recipe::build_type_name(node.recipe->type);
        r.variant = node.variant();
        r.key = job.key;
        r.inputs = job.key_inputs;
        r.reasons = job.reasons;
        r.dir = m_layout.build_dir(r.name, r.key);
        if (m_failing.count(r.name)) {
            r.outcome = engine::Outcome::Failed;
            r.failed_step = "build";
            r.error = "boom";
            return r;
        }
        std::filesystem::create_directories(r.dir / "dist");
        std::string content = "wheel of " + r.name + " " + r.key + "\n";
        std::ofstream(r.dir / "dist" / (r.name + ".whl"), std::ios::binary) << content;
        r.wheels = {{"dist/" + r.name + ".whl", util::sha256_hex(content), content.size()}};
        r.build_seconds = 1;
        r.outcome = engine::Outcome::Built;
        auto written = engine::write_result(r);
        if (!written) r.outcome = engine::Outcome::Failed, r.error = written.error().message;
        return r;
    }

    engine::CacheLayout m_layout;
    std::set<std::string> m_failing, m_rendezvous, m_arrived;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<std::string> m_started;
    int m_running = 0, m_max_running = 0;
    bool m_met = false;
};

}  // namespace wb::fakes
