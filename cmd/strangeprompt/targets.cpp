#include "targets.hpp"

#include "strangeprompt/analytics/analytics_service.hpp"
#include "strangeprompt/auth/auth_service.hpp"
#include "strangeprompt/core/strings.hpp"
#include "strangeprompt/gallery/gallery_service.hpp"
#include "strangeprompt/gateway/gateway_service.hpp"
#include "strangeprompt/media/media_service.hpp"
#include "strangeprompt/notifications/notifications_service.hpp"
#include "strangeprompt/profile/profile_service.hpp"

namespace sp::cmd {

const std::vector<TargetInfo>& known_targets() {
  static const std::vector<TargetInfo> targets{
      {"auth",
       [](const service::ServiceEnv& env) -> std::unique_ptr<service::Service> {
         return auth::make_auth_service(env);
       }},
      {"profile",
       [](const service::ServiceEnv& env) -> std::unique_ptr<service::Service> {
         return profile::make_profile_service(env);
       }},
      {"gallery",
       [](const service::ServiceEnv& env) -> std::unique_ptr<service::Service> {
         return gallery::make_gallery_service(env);
       }},
      {"media",
       [](const service::ServiceEnv& env) -> std::unique_ptr<service::Service> {
         return media::make_media_service(env);
       }},
      {"analytics",
       [](const service::ServiceEnv& env) -> std::unique_ptr<service::Service> {
         return analytics::make_analytics_service(env);
       }},
      {"notifications",
       [](const service::ServiceEnv& env) -> std::unique_ptr<service::Service> {
         return notifications::make_notifications_service(env);
       }},
      {"gateway",
       [](const service::ServiceEnv& env) -> std::unique_ptr<service::Service> {
         return gateway::make_gateway_service(env);
       }},
  };
  return targets;
}

Result<std::vector<const TargetInfo*>> resolve_targets(std::string_view spec) {
  std::vector<const TargetInfo*> out;
  if (trim(spec) == "all" || trim(spec).empty()) {
    for (const auto& t : known_targets()) {
      if (t.make) out.push_back(&t);
    }
    return out;
  }
  for (const std::string& raw : split(spec, ',')) {
    std::string_view name = trim(raw);
    const TargetInfo* found = nullptr;
    for (const auto& t : known_targets()) {
      if (t.name == name) found = &t;
    }
    if (!found) return Error::invalid("unknown target '" + std::string(name) + "'");
    if (!found->make) {
      return Error(ErrorCode::kNotSupported,
                   "target '" + std::string(name) + "' is not built in this version");
    }
    out.push_back(found);
  }
  return out;
}

}  // namespace sp::cmd
