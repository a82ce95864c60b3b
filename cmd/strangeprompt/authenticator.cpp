#include "authenticator.hpp"

namespace sp::cmd {

http::Authenticator make_authenticator(const Config&,
                                       const std::vector<std::unique_ptr<service::Service>>&) {
  return [](std::string_view) -> Result<http::Principal> {
    return Error(ErrorCode::kUnauthenticated, "no authentication service configured");
  };
}

}  // namespace sp::cmd
