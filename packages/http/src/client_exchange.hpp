#pragma once
// One request/response exchange for HttpClient, as a coroutine on the client's I/O thread.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

#include "strangeprompt/core/error.hpp"
#include "strangeprompt/http/client.hpp"

namespace sp::http {

struct ClientConnection {
  explicit ClientConnection(boost::asio::io_context& ctx) : stream(ctx) {}
  boost::beast::tcp_stream stream;
  boost::beast::flat_buffer buffer;
};

struct ExchangeSpec {
  std::string_view host;
  std::string_view port;
  std::string_view bytes;  // the serialised request head
  std::string_view body;   // the request body, written after the head (not copied)
  bool head = false;       // a HEAD response has no body whatever its Content-Length says
  std::chrono::steady_clock::time_point deadline;
  std::chrono::milliseconds connect_timeout;
  std::size_t max_response_bytes = 0;
};

struct ExchangeResult {
  bool ok() const { return !error.has_value(); }
  std::optional<Error> error;
  // Failed on a reused connection before any response byte: safe to retry on a fresh one.
  bool stale_connection = false;
  bool keep_alive = false;
  ClientResponse response;
  std::unique_ptr<ClientConnection> connection;  // reusable when keep_alive
};

// Connects a new connection for spec (resolve, connect under the connect timeout); nullopt on
// success.
boost::asio::awaitable<std::optional<Error>> connect(ClientConnection& c, const ExchangeSpec& spec);

// Sends spec.bytes on `connection` (connecting a new one when null) and reads the response.
boost::asio::awaitable<ExchangeResult> exchange(boost::asio::io_context& ctx, ExchangeSpec spec,
                                                std::unique_ptr<ClientConnection> connection);

}  // namespace sp::http
