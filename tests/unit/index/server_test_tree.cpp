#include "server_test_tree.hpp"

#include <fstream>
#include <stdexcept>

#include "util/atomic_file.hpp"
#include "util/file_util.hpp"

namespace wb::index::testing {

TestTree::TestTree() {
    auto dir = util::make_temp_dir(util::temp_root(util::current_environment()), "wb-server-test-");
    if (!dir) throw std::runtime_error(dir.error().message);
    m_base = *dir;
    write("simple/index.html", "<!DOCTYPE html><html><body><a href=\"demo-pkg/\">demo-pkg</a></body></html>\n");
    write("simple/index.json", "{\"meta\":{\"api-version\":\"1.0\"},\"projects\":[{\"name\":\"demo-pkg\"}]}\n");
    write("simple/demo-pkg/index.html", "<html><a href=\"../../packages/x.whl#sha256=00\">x</a></html>\n");
    write("simple/demo-pkg/index.json", "{\"meta\":{\"api-version\":\"1.0\"},\"name\":\"demo-pkg\",\"files\":[]}\n");
    write("simple/only-html/index.html", "<html>only html</html>\n");
    write("simple/only-json/index.json", "{\"meta\":{\"api-version\":\"1.0\"},\"name\":\"only-json\",\"files\":[]}\n");
    std::filesystem::create_directories(root() / "simple" / "empty");
    write(std::string("packages/") + k_wheel, std::string("PK\x03\x04", 4) + std::string(1000, 'w'));
    write(std::string("packages/") + k_wheel + ".metadata", "Metadata-Version: 2.1\nName: demo-pkg\nVersion: 1.0\n");
    write("pyodide-lock.json", "{\"info\":{},\"packages\":{}}\n");
    write("metadata/timestamp.json", "{\"signed\":{}}\n");
    write("runtime/python.wasm", std::string("\0asm", 4));
    write("runtime/python.js", "console.log(1)\n");
    write("docs/index.html", "<html>docs</html>\n");
    write("docs/empty/readme.txt", "nothing\n");
    write(".hidden", "secret\n");
    write("packages/.demo.whl.tmp-abc", "half\n");
    std::string big(300 * 1024, '\0');
    for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
    write("packages/big.whl", big);
    std::filesystem::create_directories(m_base / "outside");
    std::ofstream(m_base / "outside" / "secret.txt") << "outside secret\n";
    std::filesystem::create_symlink("../../outside/secret.txt", root() / "packages" / "escape.whl");
    std::filesystem::create_symlink("../outside", root() / "outdir");
    std::filesystem::create_symlink(k_wheel, root() / "packages" / "alias.whl");
}

TestTree::~TestTree() { util::remove_tree_quiet(m_base); }

void TestTree::write(const std::string& relative, const std::string& content) const {
    std::filesystem::path path = root() / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw std::runtime_error(path.string() + ": cannot write");
}

void TestTree::replace(const std::string& relative, const std::string& content) const {
    auto ok = util::write_file_atomic(root() / relative, content);
    if (!ok) throw std::runtime_error(ok.error().message);
}

std::string TestTree::read(const std::string& relative) const {
    auto content = util::read_file(root() / relative);
    if (!content) throw std::runtime_error(content.error().message);
    return *content;
}

HttpRequest make_request(const std::string& method, const std::string& target, const std::string& extra_fields) {
    auto request = HttpRequest::parse(method + " " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_fields + "\r\n");
    if (!request) throw std::runtime_error(request.error().message);
    return *request;
}

std::string body_of(const HttpResponse& response) {
    if (!response.file_body) return response.body;
    auto bytes = response.file_body->file->read(response.file_body->offset, response.file_body->length);
    if (!bytes) throw std::runtime_error(bytes.error().message);
    return *bytes;
}

}  // namespace wb::index::testing
