// GatewayService: loads the built web app once at start and serves it (site_response.hpp).
#include "strangeprompt/gateway/gateway_service.hpp"

#include <filesystem>
#include <optional>

#include "site_response.hpp"
#include "static_site.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/http/router.hpp"

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
  explicit GatewayService(const service::ServiceEnv& /*env*/) {}

  std::string_view name() const override { return "gateway"; }
  void read_settings(SettingsReader& settings) override {
    web_dir_ = settings.text("gateway.web_dir", default_web_dir());
    settings_read_ = true;
  }
  Result<int> migrate() override { return 0; }  // no database
  Status start() override {
    if (!settings_read_) web_dir_ = default_web_dir();
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
  }
  std::vector<service::ReadinessCheck> readiness() const override { return {}; }
  void stop() override {}

 private:
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

  std::string web_dir_;
  bool settings_read_ = false;
  std::optional<StaticSite> site_;  // set once in start(), before routes serve traffic
};

}  // namespace

std::unique_ptr<service::Service> make_gateway_service(const service::ServiceEnv& env) {
  return std::make_unique<GatewayService>(env);
}

}  // namespace sp::gateway
