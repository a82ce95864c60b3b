#pragma once
// The gateway: serves the built web app (web/, built by CMake into <build>/web) from memory with
// edge-grade caching, precompressed Brotli/gzip, the SPA fallback and security headers. It owns
// no database and no user data (nothing to consume from user.deleted).
#include <memory>

#include "strangeprompt/service/service.hpp"

namespace sp::gateway {

std::unique_ptr<service::Service> make_gateway_service(const service::ServiceEnv& env);

}  // namespace sp::gateway
