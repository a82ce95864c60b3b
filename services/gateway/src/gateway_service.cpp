// GatewayService: loads the built web app once at start and serves it (site_response.hpp); in
// front of services running in other processes it is their reverse proxy (upstream.hpp).
#include "strangeprompt/gateway/gateway_service.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "forwarding.hpp"
#include "proxy_settings.hpp"
#include "site_response.hpp"
#include "static_site.hpp"
#include "strangeprompt/cache/rate_limiter.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/metrics/metrics.hpp"
#include "strangeprompt/service/service_cache.hpp"
#include "upstream.hpp"

namespace sp::gateway {
namespace {

constexpr std::string_view kLog = "gateway";

// <dir of the running binary>/../web: where CMake puts the built app (build/<preset>/web).
std::string default_web_dir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "web/dist";
  return (exe.parent_path().parent_path() / "web").string();
}

class GatewayService final : public service::Service {
 public:
  // The env itself is a temporary of the composition root: keep what outlives it.
  explicit GatewayService(const service::ServiceEnv& env)
      : config_(env.config), clock_(env.clock), metrics_(env.metrics) {}

  std::string_view name() const override { return "gateway"; }
  void read_settings(SettingsReader& settings) override {
    web_dir_ = settings.text("gateway.web_dir", default_web_dir());
    proxy_ = read_proxy_settings(settings);
    limiter_options_ = service::rate_limiter_options(settings, clock_);
    settings_read_ = true;
  }
  Result<int> migrate() override { return 0; }  // no database
  Status start() override {
    if (!settings_read_) {
      SettingsReader settings(config_);
      read_settings(settings);
      SP_TRY(settings.status());
    }
    SP_TRY(start_proxy());
    if (site_) return ok_status();
    auto site = StaticSite::load(web_dir_);
    if (!site.ok()) {
      // The API keeps serving; pages answer 503 naming the fix.
      log_warn(kLog, "web app not loaded", {{"error", site.error().message}});
      return ok_status();
    }
    site_ = std::move(*site);
    log_info(kLog, "web app loaded",
             {{"dir", web_dir_},
              {"files", static_cast<uint64_t>(site_->file_count())},
              {"bytes", static_cast<uint64_t>(site_->bytes())}});
    return ok_status();
  }
  void register_routes(http::Router& router) override {
    http::RouteOptions options;
    options.blocking = false;  // in memory: no I/O, no locks
    options.name = "gateway";
    auto handler = [this](http::Request& request) { return respond(request); };
    router.add(http::Method::kGet, "/", handler, options);
    router.add(http::Method::kGet, "/{path...}", handler, options);
    register_proxy_routes(router);
  }
  std::vector<service::ReadinessCheck> readiness() const override { return {}; }
  void stop() override {}

 private:
  Status start_proxy() {
    if (proxy_.upstreams.empty() || !upstreams_.empty()) return ok_status();
    SP_ASSIGN_OR_RETURN(trusted_, http::TrustedProxies::parse(proxy_.trusted_proxies));
    if (proxy_.edge_limit.per_second > 0) {
      cache::RateLimiterOptions options = limiter_options_;
      options.redis.metrics = metrics_;  // Redis failures and fallback decisions
      SP_ASSIGN_OR_RETURN(limiter_, cache::RateLimiter::create(options));
    }
    for (const UpstreamOptions& options : proxy_.upstreams) {
      auto upstream = std::make_shared<Upstream>(options, clock_, metrics_);
      upstream->register_metrics(upstream);
      std::string replicas;
      for (const auto& r : options.replicas) replicas += (replicas.empty() ? "" : ",") + r;
      log_info(kLog, "proxying", {{"upstream", options.service}, {"replicas", replicas}});
      upstreams_.push_back(std::move(upstream));
    }
    return ok_status();
  }

  // /v1/<service>/... to each configured upstream; /media/... to media; /.well-known/... to
  // auth. Literal routes of services running here would win, but those are never proxied.
  void register_proxy_routes(http::Router& router) {
    static constexpr http::Method kMethods[] = {http::Method::kGet,    http::Method::kPost,
                                                http::Method::kPut,    http::Method::kPatch,
                                                http::Method::kDelete, http::Method::kOptions};
    for (const auto& upstream : upstreams_) {
      const std::string& name = upstream->options().service;
      std::vector<std::string> prefixes{"/v1/" + name + "/{rest...}"};
      if (name == "media") prefixes.push_back("/media/{rest...}");
      if (name == "auth") prefixes.push_back("/.well-known/{rest...}");
      http::RouteOptions options;
      options.blocking = true;  // waits for the upstream on a worker thread
      options.name = "proxy." + name;
      options.max_body_bytes = proxy_.max_body_bytes;
      Upstream* raw = upstream.get();
      auto handler = [this, raw](http::Request& request) { return proxy(*raw, request); };
      for (const std::string& pattern : prefixes) {
        for (http::Method method : kMethods) router.add(method, pattern, handler, options);
      }
    }
  }

  http::Response proxy(Upstream& upstream, http::Request& request) {
    if (limiter_) {
      const std::string client = edge_client_address(request, trusted_);
      cache::Limit limit{proxy_.edge_limit.per_second, std::chrono::milliseconds(1'000),
                         proxy_.edge_limit.burst};
      Result<cache::Decision> decision = limiter_->acquire("gw:edge:" + client, limit);
      if (!decision.ok()) {
        // The adapter already applied cache.redis.limiter_fail_open; an error here is a bug.
        log_warn(kLog, "edge limiter failed", {{"error", decision.error().message}});
      } else if (!decision->allowed) {
        if (metrics_) metrics_->add_counter("sp_gateway_edge_limited_total", "");
        const auto wait = decision->retry_after.count();
        return proxy_problem(429, "too many requests from this address; slow down", request.path,
                             static_cast<int>(std::max<int64_t>(1, (wait + 999) / 1000)));
      }
    }
    return upstream.forward(request, trusted_);
  }

  http::Response respond(const http::Request& request) const {
    if (site_) return site_response(*site_, request);
    http::Response r =
        reserved_path(request.path)
            ? http::Response::problem(Error::not_found("no such resource"), request.path)
            : http::Response::problem(
                  Error::unavailable("the web app is not built: run `make build` (looked in " +
                                     web_dir_ + ")"),
                  request.path);
    add_security_headers(r, request.secure);
    return r;
  }

  const Config& config_;
  Clock& clock_;
  metrics::Metrics* const metrics_;
  std::string web_dir_;
  bool settings_read_ = false;
  ProxySettings proxy_;
  cache::RateLimiterOptions limiter_options_;
  http::TrustedProxies trusted_;
  std::unique_ptr<cache::RateLimiter> limiter_;       // set in start() when proxying
  std::vector<std::shared_ptr<Upstream>> upstreams_;  // set in start(), before routes
  std::optional<StaticSite> site_;  // set once in start(), before routes serve traffic
};

}  // namespace

std::unique_ptr<service::Service> make_gateway_service(const service::ServiceEnv& env) {
  return std::make_unique<GatewayService>(env);
}

}  // namespace sp::gateway
