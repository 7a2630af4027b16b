#pragma once
// The shared libraries a wheel check sees: the wheel's own (by member path) and declared ones
// from outside, parsed; and how the loader finds a library's dylink.0 NEEDED libraries among them.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/error.hpp"
#include "wasm/wasm_module.hpp"

namespace wb::abi {

struct Library {
    std::string name;     ///< member path in the wheel ("pkg/lib/libfoo.so"), or "libfoo.so (from X)"
    std::string file;     ///< its file name ("libfoo.so")
    bool in_wheel = true;
    std::optional<wasm::WasmModule> module;  ///< empty when unreadable
    std::string error;                       ///< why it is unreadable
};

/// How one NEEDED entry resolves.
struct NeededLookup {
    const Library* found = nullptr;     ///< where the loader finds it
    const Library* stranded = nullptr;  ///< in the wheel, but not on the needing library's runtime path
};

/// True for names Pyodide's package loader treats as shared libraries: `\.so(\.\d+)*$`.
bool is_shared_library_name(std::string_view path);

class LibrarySet {
public:
    /// Reads every shared-library member of the wheel.
    util::Expected<void> add_wheel(const std::filesystem::path& wheel);
    /// Adds a declared library from outside the wheel: a .so file or every .so of a wheel.
    util::Expected<void> add_declared(const std::filesystem::path& path);

    const std::vector<Library>& wheel_libraries() const { return m_wheel; }
    const std::vector<Library>& declared_libraries() const { return m_declared; }

    /// Finds `needed` for `from` as the loader would: the wheel member on one of from's runtime
    /// paths ($ORIGIN is from's directory), else a declared library of that file name.
    NeededLookup find_needed(const Library& from, std::string_view needed) const;
    /// The libraries loaded into from's scope: its NEEDED libraries, transitively (not from itself).
    std::vector<const Library*> needed_closure(const Library& from) const;
    /// Every library (wheel and declared) that exports name, to the loader.
    std::vector<const Library*> exporters(std::string_view name) const;

private:
    std::vector<Library> m_wheel;
    std::vector<Library> m_declared;
};

/// The names a library offers other modules: its exports except the loader's internal ones.
std::set<std::string> offered_names(const wasm::WasmModule& module);

}  // namespace wb::abi
