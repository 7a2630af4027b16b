#pragma once
// Whether a version satisfies a PEP 440 specifier (">=3.11,<3.15", "==3.14.*", "~=2.4"): what a
// package's Requires-Python says about the platforms it can be built for.
#include <string_view>

#include "specs/requirement.hpp"
#include "specs/version.hpp"

namespace wb::specs {

/// True when `version` satisfies every clause (an empty list allows everything). Pre-releases of the
/// version compare by PEP 440 order (the runtime's "3.15.0rc1" is below "3.15").
bool allows(const std::vector<SpecifierClause>& clauses, const Version& version);

/// Parses the specifier text and checks the version; a malformed specifier is an error.
Expected<bool> allows(std::string_view specifier, const Version& version);

}  // namespace wb::specs
