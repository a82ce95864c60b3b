#include "test_server.hpp"

#include <stdexcept>

namespace sp::http::testing {

ServerOptions test_options() {
  ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.io_threads = 2;
  o.worker_threads = 2;
  o.read_timeout = std::chrono::milliseconds(2000);
  o.idle_timeout = std::chrono::milliseconds(2000);
  o.drain_timeout = std::chrono::milliseconds(2000);
  o.access_log = false;
  o.service = "http-test";
  return o;
}

std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     metrics::Metrics* metrics, Authenticator auth) {
  auto created = Server::create(options, router, metrics, std::move(auth));
  if (!created.ok()) throw std::runtime_error("create: " + created.error().message);
  std::unique_ptr<Server> server = std::move(created).value();
  Status started = server->start();
  if (!started.ok()) throw std::runtime_error("start: " + started.error().message);
  return server;
}

}  // namespace sp::http::testing
