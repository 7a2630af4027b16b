#pragma once
// Runs a function when the scope ends, unless dismissed: clean-up on every early return.
#include <utility>

namespace wb::util {

template <class F>
class ScopeGuard {
public:
    explicit ScopeGuard(F f) : m_f(std::move(f)) {}
    ScopeGuard(const ScopeGuard&) = delete;
    ScopeGuard& operator=(const ScopeGuard&) = delete;
    ~ScopeGuard() {
        if (m_active) m_f();
    }
    /// Keeps the guarded work (e.g. a temporary directory that became the result).
    void dismiss() { m_active = false; }

private:
    F m_f;
    bool m_active = true;
};

}  // namespace wb::util
