#include "strangeprompt/service/operations.hpp"

#include <string>

#include "strangeprompt/core/json_text.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::service {
namespace {

http::RouteOptions route_options(std::string name, bool blocking) {
  http::RouteOptions o;
  o.blocking = blocking;
  o.name = std::move(name);
  return o;
}

}  // namespace

void register_operations(http::Router& router, metrics::Metrics& metrics,
                         std::vector<ReadinessCheck> checks) {
  // Liveness is a constant answer: it runs on the I/O thread and never touches a dependency.
  router.add(
      http::Method::kGet, "/healthz",
      [](http::Request&) { return http::Response::json(200, R"({"status":"ok"})"); },
      route_options("/healthz", false));

  // Readiness calls each dependency, which may block: it runs on the worker pool.
  router.add(
      http::Method::kGet, "/readyz",
      [checks = std::move(checks)](http::Request&) {
        std::string body = R"({"checks":{)";
        bool ready = true;
        bool first = true;
        for (const auto& c : checks) {
          Status s = c.check();
          if (!s.ok()) {
            ready = false;
            log_warn(
                "ops", "readiness check failed",
                {{"check", c.name}, {"error", s.error().message}, {"detail", s.error().internal}});
          }
          if (!first) body += ',';
          first = false;
          append_json_string(body, c.name);
          body += s.ok() ? R"(:"ok")" : R"(:"failing")";
        }
        body += R"(},"status":)";
        body += ready ? R"("ready"})" : R"("not ready"})";
        return http::Response::json(ready ? 200 : 503, std::move(body));
      },
      route_options("/readyz", true));

  router.add(
      http::Method::kGet, "/metrics",
      [&metrics](http::Request&) {
        return http::Response::text(200, metrics.render(), "text/plain; version=0.0.4");
      },
      route_options("/metrics", false));
}

}  // namespace sp::service
