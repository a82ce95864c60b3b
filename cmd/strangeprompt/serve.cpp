#include "serve.hpp"

#include <charconv>
#include <memory>
#include <thread>
#include <vector>

#include "authenticator.hpp"
#include "strangeprompt/auth/auth_service.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/http/metrics.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/service/operations.hpp"
#include "strangeprompt/service/service_events.hpp"
#include "targets.hpp"

namespace sp::cmd {
namespace {

constexpr std::string_view kLog = "strangeprompt";

Result<std::pair<std::string, uint16_t>> parse_listen(std::string_view listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string_view::npos) return Error::invalid("listen must be HOST:PORT");
  std::string host(listen.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::string_view port_text = listen.substr(colon + 1);
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || p != port_text.data() + port_text.size() || port > 65535) {
    return Error::invalid("listen: bad port '" + std::string(port_text) + "'");
  }
  return std::pair{host.empty() ? std::string("0.0.0.0") : host, static_cast<uint16_t>(port)};
}

Result<http::ServerOptions> server_options(const Config& config) {
  http::ServerOptions o;
  SP_ASSIGN_OR_RETURN(auto listen, parse_listen(config.get("http.listen", "0.0.0.0:8080")));
  o.host = listen.first;
  o.port = listen.second;
  o.io_threads = static_cast<int>(config.get_int("http.io_threads", 0));
  o.worker_threads = static_cast<int>(config.get_int("http.worker_threads", 0));
  o.worker_queue = static_cast<std::size_t>(config.get_int("http.worker_queue", 1024));
  o.max_header_bytes = static_cast<std::size_t>(config.get_int("http.max_header_bytes", 16 * 1024));
  o.max_body_bytes = static_cast<std::size_t>(config.get_int("http.max_body_bytes", 1024 * 1024));
  o.read_timeout = std::chrono::milliseconds(config.get_int("http.read_timeout_ms", 15'000));
  o.idle_timeout = std::chrono::milliseconds(config.get_int("http.idle_timeout_ms", 60'000));
  o.drain_timeout = std::chrono::milliseconds(config.get_int("http.drain_timeout_ms", 10'000));
  o.queue_timeout = std::chrono::milliseconds(config.get_int("http.queue_timeout_ms", 1'000));
  o.handler_timeout = std::chrono::milliseconds(config.get_int("http.handler_timeout_ms", 30'000));
  o.max_connections = static_cast<std::size_t>(config.get_int("http.max_connections", 10'000));
  o.max_connections_per_address =
      static_cast<std::size_t>(config.get_int("http.max_connections_per_address", 512));
  o.trusted_proxies = config.get_list("http.trusted_proxies");
  o.access_log = config.get_bool("http.access_log", true);
  o.service = "http";
  return o;
}

void configure_logging(const Config& config) {
  LogLevel level = LogLevel::kInfo;
  if (Logger::parse_level(config.get("log.level", "info"), level))
    Logger::global().set_level(level);
}

// The running services of one process, started in order and stopped in reverse; the shared
// event log outlives them.
struct Process {
  std::unique_ptr<events::EventLog> event_log;
  std::vector<std::unique_ptr<service::Service>> services;
  ~Process() {
    for (auto it = services.rbegin(); it != services.rend(); ++it) (*it)->stop();
    services.clear();
  }
  auth::AuthService* auth() const {
    for (const auto& s : services) {
      if (auto* a = dynamic_cast<auth::AuthService*>(s.get())) return a;
    }
    return nullptr;
  }
};

Result<std::unique_ptr<Process>> build_process(const Config& config, const std::string& data_dir,
                                               http::Metrics* metrics) {
  SP_ASSIGN_OR_RETURN(auto targets, resolve_targets(config.get("target", "all")));
  auto process = std::make_unique<Process>();
  SP_ASSIGN_OR_RETURN(process->event_log,
                      service::open_event_log(config, data_dir, Clock::system()));
  service::ServiceEnv env{config, Clock::system(), data_dir, metrics, process->event_log.get()};
  for (const TargetInfo* t : targets) process->services.push_back(t->make(env));
  return process;
}

// Loads config, prepares the data dir and builds the chosen services; logs and returns the exit
// code on failure.
Result<std::unique_ptr<Process>> prepare(const CommonOptions& options, Config& config,
                                         std::string& data_dir, http::Metrics* metrics) {
  SP_ASSIGN_OR_RETURN(config, load_config(options));
  configure_logging(config);
  SP_ASSIGN_OR_RETURN(data_dir, prepare_data_dir(config));
  return build_process(config, data_dir, metrics);
}

void log_failure(std::string_view what, const Error& e) {
  log_error(kLog, what, {{"error", e.message}, {"detail", e.internal}});
}

}  // namespace

int run_serve(const CommonOptions& options) {
  Config config;
  std::string data_dir;
  http::Metrics metrics;
  auto process = prepare(options, config, data_dir, &metrics);
  if (!process.ok()) {
    log_failure("cannot start", process.error());
    return 2;
  }
  auto server_opts = server_options(config);
  if (!server_opts.ok()) {
    log_failure("bad http settings", server_opts.error());
    return 2;
  }
  http::Router router;
  std::vector<service::ReadinessCheck> checks;
  for (auto& svc : (*process)->services) {
    if (Status s = svc->start(); !s.ok()) {
      log_failure(std::string(svc->name()) + " failed to start", s.error());
      return 1;
    }
    svc->register_routes(router);
    for (auto& c : svc->readiness()) checks.push_back(std::move(c));
  }
  events::EventLog* log = (*process)->event_log.get();
  checks.push_back({"events", [log]() -> Status {
                      auto end = log->end_offset("user.signup");
                      if (!end.ok()) return end.error();
                      return {};
                    }});
  service::register_operations(router, metrics, std::move(checks));
  auto authenticator = make_authenticator(config, (*process)->auth());

  auto server = http::Server::create(*server_opts, router, &metrics, std::move(authenticator));
  if (!server.ok()) {
    log_failure("cannot create the server", server.error());
    return 1;
  }
  if (Status s = (*server)->start(); !s.ok()) {
    log_failure("cannot listen", s.error());
    return 1;
  }
  // "serving" is logged once signals are handled, so a SIGTERM right after it drains cleanly.
  (*server)->run_until_signal([&] {
    log_info(kLog, "serving",
             {{"target", config.get("target", "all")},
              {"listen", server_opts->host + ":" + std::to_string((*server)->port())},
              {"data_dir", data_dir}});
  });
  log_info(kLog, "stopped");
  return 0;
}

int run_migrate(const CommonOptions& options) {
  Config config;
  std::string data_dir;
  auto process = prepare(options, config, data_dir, nullptr);
  if (!process.ok()) {
    log_failure("cannot migrate", process.error());
    return 2;
  }
  for (auto& svc : (*process)->services) {
    auto applied = svc->migrate();
    if (!applied.ok()) {
      log_failure(std::string(svc->name()) + " migration failed", applied.error());
      return 1;
    }
    log_info(kLog, "migrated", {{"service", svc->name()}, {"applied", *applied}});
  }
  return 0;
}

int run_rotate_keys(const CommonOptions& options) {
  CommonOptions auth_only = options;
  auth_only.target = "auth";
  Config config;
  std::string data_dir;
  auto process = prepare(auth_only, config, data_dir, nullptr);
  if (!process.ok()) {
    log_failure("cannot rotate keys", process.error());
    return 2;
  }
  auth::AuthService* auth = (*process)->auth();
  Status s = auth->start();
  if (s.ok()) s = auth->rotate_signing_key();
  if (!s.ok()) {
    log_failure("key rotation failed", s.error());
    return 1;
  }
  log_info(kLog, "signing key rotated");
  return 0;
}

}  // namespace sp::cmd
