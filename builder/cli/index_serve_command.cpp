// `wasm-build index serve DIR`: serves a published repository tree over HTTP until SIGINT/SIGTERM.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/command.hpp"
#include "index/serve/server.hpp"
#include "util/error.hpp"
#include "util/subprocess.hpp"

namespace wb::cli {
namespace {

struct ServeArguments {
    std::string dir;
    std::string host = "127.0.0.1";
    int port = 8000;
    int max_connections = 256;
    int max_per_client = 32;
    double header_timeout = 10;
    double idle_timeout = 30;
};

std::chrono::milliseconds to_milliseconds(double seconds) {
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

/// One access-log line on stderr: "GET /simple/numpy/ 200 1234".
void log_response(const index::HttpRequest& request, const index::HttpResponse& response) {
    fmt::print(stderr, "{} {} {} {}\n", request.method, request.target, response.status, response.body_length());
}

int run_serve(const ServeArguments& arguments, const GlobalOptions& global) {
    index::ServeOptions options;
    options.root = arguments.dir;
    options.host = arguments.host;
    options.port = static_cast<uint16_t>(arguments.port);
    options.max_connections = static_cast<size_t>(arguments.max_connections);
    options.max_per_client = static_cast<size_t>(arguments.max_per_client);
    options.limits.header_timeout = to_milliseconds(arguments.header_timeout);
    options.limits.idle_timeout = to_milliseconds(arguments.idle_timeout);
    if (global.verbose) options.observer = log_response;

    auto server = index::Server::bind(std::move(options));
    if (!server) {
        fmt::print(stderr, "wasm-build: {}: {}\n", util::kind_name(server.error().kind), server.error().message);
        return util::exit_code_for(server.error().kind);
    }
    fmt::print(stderr, "wasm-build: serving {} at {} (Ctrl-C stops)\n", arguments.dir, (*server)->url());
    std::fflush(stderr);
    auto served = (*server)->run([] { return util::interrupted(); });
    if (!served) {
        fmt::print(stderr, "wasm-build: {}: {}\n", util::kind_name(served.error().kind), served.error().message);
        return 3;
    }
    fmt::print(stderr, "wasm-build: stopped serving {}\n", arguments.dir);
    return 0;
}

}  // namespace

void register_index_serve_command(CLI::App& index_app, const GlobalOptions& global, int& exit_code) {
    auto arguments = std::make_shared<ServeArguments>();
    CLI::App* serve = index_app.add_subcommand(
        "serve", "Serve a published repository tree over HTTP (PEP 503/691 simple index, CORS, ranges)");
    serve->add_option("DIR", arguments->dir, "the published repository tree")->required();
    serve->add_option("--host", arguments->host, "address to listen on")->capture_default_str();
    serve->add_option("--port", arguments->port, "port to listen on (0: any free port)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    serve->add_option("--max-connections", arguments->max_connections,
                      "clients served at once; more wait, or replace the one that waited longest for its client")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    serve->add_option("--max-per-client", arguments->max_per_client, "connections one client address may hold")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    serve->add_option("--header-timeout", arguments->header_timeout,
                      "seconds a client has, from connecting or from its request's first byte, to send a whole "
                      "request head (slow clients are dropped)")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0));
    serve->add_option("--idle-timeout", arguments->idle_timeout, "seconds an idle keep-alive connection is kept")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0));
    serve->callback([arguments, &global, &exit_code] { exit_code = run_serve(*arguments, global); });
}

}  // namespace wb::cli
