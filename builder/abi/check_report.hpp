#pragma once
// The result of an ABI check: every problem found as a value (which module, which import, what is
// wrong, how to fix it), and the human message that names the wheel, the member and the names.
#include <cstddef>
#include <string>
#include <vector>

namespace wb::abi {

enum class Severity : uint8_t {
    Error,    ///< fails at load or at run time under the runtime: the wheel must not be published
    Warning,  ///< suspicious; may work
};

enum class ProblemKind : uint8_t {
    Unreadable,           ///< not a WebAssembly module, or malformed
    NotSideModule,        ///< no dylink.0 section, or not the first section
    Unresolved,           ///< nothing provides an import
    JsExceptions,         ///< invoke_* and friends: JavaScript-based exceptions or setjmp (-fexceptions)
    JsLongjmp,            ///< emscripten_longjmp: setjmp/longjmp without -sSUPPORT_LONGJMP=wasm
    MissingExceptionTag,  ///< throws C++ exceptions without importing __cpp_exception
    SignatureMismatch,    ///< a function import's type differs from its provider's
    KindMismatch,         ///< imports as a function what the runtime provides as a global, ...
    GlobalTypeMismatch,   ///< value type or mutability of a global import
    SharedMemory,         ///< imports shared memory: built with -pthread
    MemoryMismatch,       ///< memory64, limits or page size of the memory import
    TableMismatch,        ///< element type, table64 or limits of the table import
    UnknownImportModule,  ///< an import module the loader does not answer ("a.out", ...)
    TargetFeature,        ///< uses a feature the runtime does not
    NeededLibrary,        ///< a dylink.0 NEEDED library the loader will not find
};

/// "unresolved import", "JavaScript exceptions", ...
const char* to_string(ProblemKind kind);
const char* to_string(Severity severity);

struct Problem {
    std::string member;  ///< the module's path inside the wheel ("pkg/_core.cpython-314-wasm32-emscripten.so")
    std::string import;  ///< "env.invoke_ii"; empty for problems of the whole module
    std::string symbol;  ///< the import's field name ("invoke_ii"); empty with import
    ProblemKind kind = ProblemKind::Unresolved;
    Severity severity = Severity::Error;
    std::string what;  ///< what is wrong, one line, naming the import
    std::string hint;  ///< how to fix it; problems of one kind and member share it
    bool operator==(const Problem&) const = default;
};

struct CheckReport {
    std::string subject;               ///< the wheel's file name, or a module's name
    std::string runtime;               ///< the RuntimeAbi's name ("pyodide 314.0.8")
    std::vector<std::string> members;  ///< every module checked, in wheel order
    std::vector<Problem> problems;
    std::vector<std::string> notes;  ///< what was not checked and why

    bool ok() const { return error_count() == 0; }
    size_t error_count() const;
    size_t warning_count() const;
    /// Problems of one member and kind.
    std::vector<const Problem*> find(std::string_view member, ProblemKind kind) const;
    /// Adds a note unless the same note is there.
    void note(std::string text);
    /// Multi-line human message: a summary line naming the subject, then per member and kind the
    /// imports at fault and the hint, then the notes.
    std::string render() const;
};

}  // namespace wb::abi
