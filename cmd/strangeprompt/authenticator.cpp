#include "authenticator.hpp"

#include <memory>

#include "strangeprompt/auth/auth_service.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/service/remote_authenticator.hpp"
#include "strangeprompt/service/revoked_sessions.hpp"

namespace sp::cmd {

Result<http::Authenticator> make_authenticator(const Config& config, auth::AuthService* local,
                                               events::EventLog& event_log) {
  if (local) return local->authenticator();
  SettingsReader settings(config);
  auto options = service::RemoteAuthenticatorOptions::read(settings);
  SP_TRY(settings.status());
  auto remote = std::make_shared<service::RemoteAuthenticator>(std::move(options), Clock::system());
  SP_TRY(remote->follow_session_ends(event_log, service::process_group("sessions")));
  return http::Authenticator(
      [remote](std::string_view authorization) { return remote->authenticate(authorization); });
}

}  // namespace sp::cmd
