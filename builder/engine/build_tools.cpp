#include "engine/build_tools.hpp"

#include "k_engine_tools.hpp"
#include "util/embedded_files.hpp"

namespace wb::engine {

std::string build_tools_identity() { return util::files_identity(k_engine_tools); }

util::Expected<std::filesystem::path> install_build_tools(const std::filesystem::path& tools_dir) {
    return util::install_files(tools_dir / "build", k_engine_tools);
}

}  // namespace wb::engine
