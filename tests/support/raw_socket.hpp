#pragma once
// The black-box tests' name for the shared raw-socket client (sp_http_testing's RawClient):
// read_response() here returns the raw text of one response, for tests about exact bytes.
#include <chrono>
#include <string>

#include "strangeprompt/http/testing/raw_client.hpp"

namespace sp::testing {

class RawSocket : public http::testing::RawClient {
 public:
  using RawClient::RawClient;
  // Whatever arrived of one response within `timeout` ("" when nothing did).
  std::string read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    return read_text(timeout);
  }
  // True when the peer closed the connection within `timeout` (EOF or reset).
  bool closed_by_peer(std::chrono::milliseconds timeout) { return closed_within(timeout); }
};

using http::testing::status_of;

}  // namespace sp::testing
