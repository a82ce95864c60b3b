#pragma once
// Test helpers: a server on 127.0.0.1:0; the raw socket client is the shared one of
// sp_http_testing (raw_client.hpp).
#include <memory>

#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/metrics.hpp"
#include "strangeprompt/http/router.hpp"
#include "strangeprompt/http/server.hpp"
#include "strangeprompt/http/testing/raw_client.hpp"

namespace sp::http::testing {

// Options tuned for tests: loopback, port 0, short timeouts, no access log.
ServerOptions test_options();

// Starts a server (fails the test via exceptions if it cannot).
std::unique_ptr<Server> start_server(const ServerOptions& options, const Router& router,
                                     metrics::Metrics* metrics = nullptr,
                                     Authenticator auth = nullptr);

}  // namespace sp::http::testing
