#pragma once
// A StrangePrompt service as the composition root sees it: it registers its routes, starts its
// background work (outbox relay, consumers) and reports readiness. The same object runs in
// embedded mode (every service in one process) and distributed mode (one per process).
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp {
class Config;
class Clock;
class SettingsReader;
}  // namespace sp
namespace sp::http {
class Router;
}  // namespace sp::http
namespace sp::metrics {
class Metrics;
}  // namespace sp::metrics
namespace sp::events {
class EventLog;
}
namespace sp::cache {
class Cache;
}

namespace sp::service {

// A named dependency check for /readyz (database reachable, event log open, ...).
struct ReadinessCheck {
  std::string name;
  std::function<Status()> check;
};

// What the composition root hands every service. References outlive the service.
struct ServiceEnv {
  const Config& config;
  Clock& clock;
  std::string data_dir;  // embedded mode: where SQLite files and blobs live
  metrics::Metrics* metrics = nullptr;
  // The process's event log, shared by every service in it (outbox relays append, consumers
  // poll). Null: the service opens the configured one itself (service_events.hpp).
  events::EventLog* event_log = nullptr;
  // The process's cache (`cache.backend`: in-process, or Redis shared by replicas; see
  // service_cache.hpp). Null: none was made (migrate, tests); a service needing one makes its own.
  cache::Cache* cache = nullptr;
};

class Service {
 public:
  virtual ~Service() = default;
  virtual std::string_view name() const = 0;  // "auth", "gallery", ...
  // Reads every setting the service uses, recording bad ones in `settings`. The composition root
  // calls it once on every service before anything starts, so one start-up failure lists every
  // bad key of the process. migrate() and start() read the settings themselves when it was not
  // called (and then fail with the bad keys).
  virtual void read_settings(SettingsReader& settings) = 0;
  // Applies pending migrations of this service's database; returns how many were applied.
  // Safe to call repeatedly and from `strangeprompt migrate`.
  virtual Result<int> migrate() = 0;
  // Migrates, then starts background work (outbox relay, consumers). Called once before routes
  // serve traffic.
  virtual Status start() = 0;
  virtual void register_routes(http::Router& router) = 0;
  virtual std::vector<ReadinessCheck> readiness() const = 0;
  // Stops background work; in-flight requests have already drained.
  virtual void stop() = 0;
};

}  // namespace sp::service
