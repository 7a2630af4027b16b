#pragma once
// Error values for everything that can fail on input or I/O. An Error says what failed, where
// (file:line:column, URL, command) and what was expected; its kind decides the exit code.
#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace wb::util {

enum class ErrorKind {
    Usage,        ///< bad command line or configuration: exit 2
    Input,        ///< bad recipe, archive, patch or other input: exit 2
    Io,           ///< file system trouble
    Network,      ///< download failed
    Integrity,    ///< hash, size or signature mismatch
    Build,        ///< a build or test step failed: exit 1
    Interrupted,  ///< SIGINT/SIGTERM: exit 130
    Internal,     ///< a bug: exit 3
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string message;
};

template <class T>
using Expected = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorKind kind, std::string message) {
    return tl::unexpected<Error>(Error{kind, std::move(message)});
}

/// The process exit code for an error of this kind (see README: exit codes).
int exit_code_for(ErrorKind kind);

/// Human name of an error kind ("recipe error", "network error", ...).
const char* kind_name(ErrorKind kind);

}  // namespace wb::util
