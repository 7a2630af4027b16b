#include "util/error.hpp"

namespace wb::util {

int exit_code_for(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Usage:
        case ErrorKind::Input: return 2;
        case ErrorKind::Interrupted: return 130;
        case ErrorKind::Internal: return 3;
        case ErrorKind::Io:
        case ErrorKind::Network:
        case ErrorKind::Integrity:
        case ErrorKind::Build: return 1;
    }
    return 3;
}

const char* kind_name(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::Usage: return "usage error";
        case ErrorKind::Input: return "input error";
        case ErrorKind::Io: return "I/O error";
        case ErrorKind::Network: return "network error";
        case ErrorKind::Integrity: return "integrity error";
        case ErrorKind::Build: return "build failed";
        case ErrorKind::Interrupted: return "interrupted";
        case ErrorKind::Internal: return "internal error";
    }
    return "error";
}

}  // namespace wb::util
