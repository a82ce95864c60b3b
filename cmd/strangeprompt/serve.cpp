#include "serve.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

#include "authenticator.hpp"
#include "demo.hpp"
#include "process_settings.hpp"
#include "strangeprompt/auth/auth_service.hpp"
#include "strangeprompt/cache/cache.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/events/event_log.hpp"
#include "strangeprompt/gallery/gallery_service.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/metrics/metrics.hpp"
#include "strangeprompt/service/operations.hpp"
#include "strangeprompt/service/remote_authenticator.hpp"
#include "strangeprompt/service/service_cache.hpp"
#include "strangeprompt/service/service_events.hpp"
#include "targets.hpp"

namespace sp::cmd {
namespace {

constexpr std::string_view kLog = "strangeprompt";

void log_failure(std::string_view what, const Error& e) {
  log_error(kLog, what, {{"error", e.message}, {"detail", e.internal}});
}

enum class Command { kServe, kMigrate, kRotateKeys };

// Everything a command needs, read in full before anything is opened or created.
struct StartUp {
  Config config;
  ProcessSettings process;
  std::vector<const TargetInfo*> targets;
  http::ServerOptions server;      // serve only
  events::EventLogOptions events;  // serve only: the process's shared event log
  cache::CacheOptions cache;       // serve only: cache.backend / cache.redis.*
};

// Loads the config (file < environment < flags) and reads every setting of the process and of
// the chosen services with one SettingsReader, so a bad config fails once naming every bad key.
Result<std::unique_ptr<StartUp>> read_start_up(const CommonOptions& options, Command command) {
  auto s = std::make_unique<StartUp>();
  SP_ASSIGN_OR_RETURN(s->config, load_config(options, Config::process_environment()));
  SettingsReader reader(s->config);
  s->process = read_process_settings(reader);
  Logger::global().set_level(s->process.log_level);
  Logger::global().set_format(s->process.log_format);
  if (auto targets = resolve_targets(s->process.target); targets.ok()) {
    s->targets = std::move(targets).value();
  } else {
    reader.reject("target", targets.error().message);
  }
  if (command == Command::kServe) {
    s->server = read_server_options(reader);
    s->events = service::event_log_options(reader, s->process.data_dir, Clock::system());
    s->cache = service::cache_options(reader, Clock::system());
    // Without auth here, the remote authenticator's keys (JWKS, API-key introspection) are read
    // now so a bad one fails start-up with the others.
    if (std::none_of(s->targets.begin(), s->targets.end(),
                     [](const TargetInfo* t) { return t->name == "auth"; })) {
      (void)service::RemoteAuthenticatorOptions::read(reader);
    }
  }
  // A service object does no I/O before migrate()/start(): build one just to read its settings.
  const service::ServiceEnv env{s->config, Clock::system(), s->process.data_dir};
  for (const TargetInfo* t : s->targets) t->make(env)->read_settings(reader);
  SP_TRY(reader.status());
  return s;
}

Status create_data_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::invalid("cannot create data dir " + dir + ": " + ec.message());
  return ok_status();
}

// The running services of one process, started in order and stopped in reverse; the shared
// event log outlives them.
struct Process {
  std::unique_ptr<events::EventLog> event_log;
  std::unique_ptr<cache::Cache> cache;  // the process's shared cache (cache.backend)
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
  gallery::GalleryService* gallery() const {
    for (const auto& s : services) {
      if (auto* g = dynamic_cast<gallery::GalleryService*>(s.get())) return g;
    }
    return nullptr;
  }
};

Result<std::unique_ptr<Process>> build_process(const StartUp& s, metrics::Metrics* metrics) {
  SP_TRY(create_data_dir(s.process.data_dir));
  auto process = std::make_unique<Process>();
  SP_ASSIGN_OR_RETURN(process->event_log, events::EventLog::open(s.events));
  cache::CacheOptions cache_options = s.cache;
  cache_options.redis.metrics = metrics;  // sp_redis_*_total{use="cache"}
  SP_ASSIGN_OR_RETURN(process->cache, cache::Cache::create(cache_options));
  service::ServiceEnv env{s.config, Clock::system(), s.process.data_dir, metrics,
                          process->event_log.get()};
  env.cache = process->cache.get();
  for (const TargetInfo* t : s.targets) process->services.push_back(t->make(env));
  return process;
}

// Whether `dir` is missing or holds nothing: the only state `--demo` seeds.
bool empty_dir(const std::string& dir) {
  std::error_code ec;
  return !std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec);
}

// `--demo`: seeds only a fresh install running both auth and the gallery; never fails the start.
void seed_demo_if_fresh(bool fresh, const Process& process, const http::Router& router) {
  gallery::GalleryService* gallery = process.gallery();
  if (!fresh || gallery == nullptr || process.auth() == nullptr) {
    log_info(kLog,
             "--demo: not seeding (needs an empty data dir and the auth and gallery targets)");
    return;
  }
  Result<bool> empty = gallery->empty();
  if (!empty.ok() || !*empty) {
    log_info(kLog, "--demo: not seeding (the gallery already holds posts)");
    return;
  }
  if (Status seeded = seed_demo(router, *gallery, *process.event_log, Clock::system());
      !seeded.ok()) {
    log_failure("--demo: seeding stopped", seeded.error());
  }
}

// The address a person opens: a wildcard listen address is reached at localhost.
std::string site_url(const std::string& host, uint16_t port) {
  std::string h = host;
  if (h.empty() || h == "0.0.0.0" || h == "::" || h == "[::]") h = "localhost";
  if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";
  return "http://" + h + ":" + std::to_string(port) + "/";
}

}  // namespace

int run_serve(const CommonOptions& options, bool demo) {
  auto start_up = read_start_up(options, Command::kServe);
  if (!start_up.ok()) {
    log_failure("cannot start", start_up.error());
    return 2;
  }
  const StartUp& s = **start_up;
  metrics::Metrics metrics;
  const bool fresh = demo && empty_dir(s.process.data_dir);
  auto process = build_process(s, &metrics);
  if (!process.ok()) {
    log_failure("cannot start", process.error());
    return 2;
  }
  http::Router router;
  std::vector<service::ReadinessCheck> checks;
  for (auto& svc : (*process)->services) {
    if (Status started = svc->start(); !started.ok()) {
      log_failure(std::string(svc->name()) + " failed to start", started.error());
      return 1;
    }
    svc->register_routes(router);
    for (auto& c : svc->readiness()) checks.push_back(std::move(c));
  }
  events::EventLog* log = (*process)->event_log.get();
  checks.push_back({"events", [log] { return log->ping(); }});
  if (s.cache.backend == "redis") {
    // Redis down marks the replica not ready; requests still work (the cache falls through,
    // the limiters follow cache.redis.limiter_fail_open): docs/architecture.md.
    cache::Cache* shared_cache = (*process)->cache.get();
    checks.push_back({"cache", [shared_cache] { return shared_cache->ping(); }});
  }
  service::register_operations(router, metrics, std::move(checks));
  if (demo) seed_demo_if_fresh(fresh, **process, router);
  auto authenticator = make_authenticator(s.config, (*process)->auth(), *log);
  if (!authenticator.ok()) {
    log_failure("cannot follow ended sessions", authenticator.error());
    return 1;
  }
  auto server = http::Server::create(s.server, router, &metrics, std::move(*authenticator));
  if (!server.ok()) {
    log_failure("cannot create the server", server.error());
    return 1;
  }
  if (Status listening = (*server)->start(); !listening.ok()) {
    log_failure("cannot listen", listening.error());
    return 1;
  }
  // "serving" is logged once signals are handled, so a SIGTERM right after it drains cleanly.
  (*server)->run_until_signal([&] {
    log_info(kLog, "serving",
             {{"target", s.process.target},
              {"listen", s.server.host + ":" + std::to_string((*server)->port())},
              {"data_dir", s.process.data_dir}});
    const bool site = std::any_of(s.targets.begin(), s.targets.end(),
                                  [](const TargetInfo* t) { return t->name == "gateway"; });
    if (site) {
      const std::string url = site_url(s.server.host, (*server)->port());
      log_info(kLog, "open the site", {{"url", url}});
      if (::isatty(STDERR_FILENO) == 1) {
        const std::string banner = "\n  StrangePrompt is running: open " + url + "\n\n";
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, banner.data(), banner.size());
      }
    }
  });
  log_info(kLog, "stopped");
  return 0;
}

int run_migrate(const CommonOptions& options) {
  auto start_up = read_start_up(options, Command::kMigrate);
  Status ready =
      start_up.ok() ? create_data_dir((*start_up)->process.data_dir) : Status(start_up.error());
  if (!ready.ok()) {
    log_failure("cannot migrate", ready.error());
    return 2;
  }
  const StartUp& s = **start_up;
  // Migrations touch each service's own database only: no event log, no background work.
  const service::ServiceEnv env{s.config, Clock::system(), s.process.data_dir};
  for (const TargetInfo* t : s.targets) {
    auto svc = t->make(env);
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
  auto start_up = read_start_up(auth_only, Command::kRotateKeys);
  Status ready =
      start_up.ok() ? create_data_dir((*start_up)->process.data_dir) : Status(start_up.error());
  if (!ready.ok()) {
    log_failure("cannot rotate keys", ready.error());
    return 2;
  }
  const StartUp& s = **start_up;
  // Only the auth database and its key set: no event log, relay or rotation schedule.
  if (Status rotated =
          auth::rotate_signing_key_once({s.config, Clock::system(), s.process.data_dir});
      !rotated.ok()) {
    log_failure("key rotation failed", rotated.error());
    return 1;
  }
  log_info(kLog, "signing key rotated");
  return 0;
}

}  // namespace sp::cmd
