#pragma once
// Builds the process's request authenticator: in-process from the auth service when it runs here,
// otherwise one that verifies access tokens against the auth service's published JWKS.
#include <memory>
#include <vector>

#include "strangeprompt/core/config.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/service/service.hpp"

namespace sp::cmd {

http::Authenticator make_authenticator(
    const Config& config, const std::vector<std::unique_ptr<service::Service>>& services);

}  // namespace sp::cmd
