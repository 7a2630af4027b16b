#pragma once
// A relative path that cannot leave its root: '/'-separated components, none of them "..", so that
// root / path is always beneath root as written. Symlinks already on disk are the other way out:
// symlink_on_path() finds them. Callers that need more (portable wheel member names, HTTP segments)
// check that on top; each words the refusal for its own root ("escapes the destination").
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace wb::util {

/// Why a text is not a SafePath.
enum class PathProblem {
    Empty,      ///< ""
    Root,       ///< nothing but "." and empty components: the root itself
    Absolute,   ///< starts with '/'
    DotDot,     ///< a ".." component
    Nul,        ///< a NUL byte (always refused: the system would cut the name there)
    Control,    ///< a control character other than NUL (0x01-0x1f, 0x7f)
    Backslash,  ///< a '\\', a separator on Windows
};

struct PathRefusal {
    PathProblem problem = PathProblem::Empty;
    std::string reason;  ///< to follow the path's name in a message: "has a '..' component"
};

/// What a caller accepts beyond a non-empty relative path of printable characters.
struct PathRules {
    bool root_allowed = false;       ///< "", "." and "./" name the root itself (an archive's "./" entry)
    bool control_allowed = false;    ///< control characters other than NUL (names in upstream archives)
    bool backslash_allowed = true;   ///< false: '\\' is refused (wheel members, URLs)
};

class SafePath {
public:
    SafePath() = default;  ///< the root itself

    /// text as a path under a root, "." and empty components dropped ("./a//b/" -> "a/b"); else why
    /// not: empty or only the root (unless allowed), absolute, a ".." component, NUL, a control
    /// character or a backslash (unless allowed).
    static tl::expected<SafePath, PathRefusal> check(std::string_view text, const PathRules& rules = {});
    /// As check(); a refusal is an Input error "'TEXT' has a '..' component".
    static Expected<SafePath> parse(std::string_view text, const PathRules& rules = {});

    const std::vector<std::string>& components() const { return m_components; }
    bool is_root() const { return m_components.empty(); }
    /// "a/b"; "" for the root itself.
    std::string str() const;
    /// root / the components.
    std::filesystem::path under(const std::filesystem::path& root) const;
    /// The first count components (all of them when there are fewer).
    SafePath prefix(size_t count) const;

    bool operator==(const SafePath&) const = default;

private:
    std::vector<std::string> m_components;
};

/// The shortest prefix of path that is a symlink under root ("a" of "a/b/c"), looked at with lstat,
/// nothing followed; nullopt when there is none. include_last=false leaves out the path itself (a
/// file about to be replaced, not followed).
std::optional<SafePath> symlink_on_path(const std::filesystem::path& root, const SafePath& path,
                                        bool include_last = true);

/// Succeeds when no component of path under root is a symlink, so that what is found at root / path
/// on disk lies beneath root; else fails (with kind) "ROOT/PREFIX: is a symlink".
Expected<void> no_symlink_on_path(const std::filesystem::path& root, const SafePath& path,
                                  ErrorKind kind = ErrorKind::Input);

}  // namespace wb::util
