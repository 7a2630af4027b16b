#include "specs/specifier.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace wb::specs {

namespace {

/// ==X.* / !=X.*: the version's release starts with X's release (zero-padded).
bool prefix_match(const Version& version, std::string_view prefix) {
    auto p = Version::parse(prefix);
    if (!p) return false;
    const auto& want = p->release();
    std::vector<uint64_t> have = version.release();
    have.resize(std::max(have.size(), want.size()), 0);
    return version.epoch() == p->epoch() && std::equal(want.begin(), want.end(), have.begin());
}

bool clause_allows(const SpecifierClause& c, const Version& v) {
    if (c.version.ends_with(".*")) {
        bool match = prefix_match(v, std::string_view(c.version).substr(0, c.version.size() - 2));
        return c.op == "==" ? match : c.op == "!=" ? !match : false;
    }
    if (c.op == "===") return v.str() == c.version;
    auto target = Version::parse(c.version);
    if (!target) return false;
    Version pv = v.public_version();
    if (c.op == "==") return pv == *target;
    if (c.op == "!=") return pv != *target;
    if (c.op == ">=") return pv >= *target;
    if (c.op == "<=") return pv <= *target;
    if (c.op == ">") return pv > *target;
    if (c.op == "<") return pv < *target;
    if (c.op == "~=") {  // >= X.Y.Z and == X.Y.*
        const auto& r = target->release();
        if (r.size() < 2 || pv < *target) return false;
        std::string prefix;
        for (size_t i = 0; i + 1 < r.size(); ++i) prefix += (i ? "." : "") + std::to_string(r[i]);
        return prefix_match(pv, prefix);
    }
    return false;
}

}  // namespace

bool allows(const std::vector<SpecifierClause>& clauses, const Version& version) {
    return std::all_of(clauses.begin(), clauses.end(), [&](const SpecifierClause& c) { return clause_allows(c, version); });
}

Expected<bool> allows(std::string_view specifier, const Version& version) {
    auto clauses = parse_specifier(specifier);
    if (!clauses) return tl::unexpected(clauses.error());
    return allows(*clauses, version);
}

}  // namespace wb::specs
