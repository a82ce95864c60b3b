#include "test_server.hpp"

#include <stdexcept>
#include <thread>

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

std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     metrics::Metrics* metrics, Authenticator auth,
                                     DeadlineClock clock) {
  auto created = create_server(options, router, metrics, std::move(auth), std::move(clock));
  if (!created.ok()) throw std::runtime_error("create: " + created.error().message);
  std::unique_ptr<Server> server = std::move(created).value();
  Status started = server->start();
  if (!started.ok()) throw std::runtime_error("start: " + started.error().message);
  return server;
}

std::chrono::steady_clock::time_point ManualDeadlineClock::now() const {
  return start_ + std::chrono::milliseconds(offset_ms_.load());
}

bool wait_for_metric(const metrics::Metrics& metrics, const std::string& line) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < until) {
    std::string text = "\n" + metrics.render();
    if (text.find("\n" + line + "\n") != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // polling, not ordering
  }
  return false;
}

}  // namespace sp::http::testing
