#pragma once
// Dependency requirements as wheel METADATA's Requires-Dist lines hold them: the PEP 508 subset
// "name[extra,...] specifier ; marker" (no direct URL references), and PEP 440 version specifiers.
#include <string>
#include <string_view>
#include <vector>

#include "specs/version.hpp"
#include "specs/wheel_name.hpp"
#include "util/error.hpp"

namespace wb::specs {

/// One specifier clause: an operator (~= == != <= >= < > ===) and the version text after it.
struct SpecifierClause {
    std::string op;
    std::string version;  ///< as written, may end in ".*" after == and !=
};

/// Parses a comma-separated PEP 440 specifier (">= 1.0, <2"); empty text gives no clauses.
Expected<std::vector<SpecifierClause>> parse_specifier(std::string_view text);

/// The canonical spelling of a specifier: clauses without spaces, joined by ',' (">=1.0,<2").
Expected<std::string> normalize_specifier(std::string_view text);

struct Requirement {
    std::string name;                 ///< the project name as written
    std::vector<std::string> extras;  ///< as written, in order
    std::string specifier;            ///< normalized (">=1.0,<2"); empty for any version
    std::string marker;               ///< the environment marker text after ';', trimmed; may be empty

    /// Parses "name [extras] (specifier) ; marker" or "name[extras]specifier;marker".
    static Expected<Requirement> parse(std::string_view text);
    /// "name[a,b]>=1.0,<2; python_version < \"3.12\"".
    std::string str() const;
    /// The PEP 503 normalized name.
    std::string project() const { return normalize_name(name); }
    bool operator==(const Requirement&) const = default;
};

}  // namespace wb::specs
