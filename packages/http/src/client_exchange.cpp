// The client's wire work: resolve, connect, write, read, each under the request's deadline.
#include "client_exchange.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include "strangeprompt/core/strings.hpp"

namespace sp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kMaxResponseHeader = 64 * 1024;

Error unavailable(std::string message, const boost::system::error_code& ec) {
  return Error{ErrorCode::kUnavailable, std::move(message), ec.message()};
}

std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return std::max(left, std::chrono::milliseconds(1));
}
}  // namespace

asio::awaitable<std::optional<Error>> connect(ClientConnection& c, const ExchangeSpec& spec) {
  asio::ip::tcp::resolver resolver(c.stream.get_executor());
  auto [rec, endpoints] = co_await resolver.async_resolve(spec.host, spec.port, kNoThrow);
  if (rec) co_return unavailable("cannot resolve host", rec);
  c.stream.expires_after(std::min(spec.connect_timeout, remaining(spec.deadline)));
  auto [cec, endpoint] = co_await c.stream.async_connect(endpoints, kNoThrow);
  if (cec) {
    co_return unavailable(cec == beast::error::timeout ? "connect timed out" : "connect failed",
                          cec);
  }
  boost::system::error_code ignored;
  c.stream.socket().set_option(asio::ip::tcp::no_delay(true), ignored);
  co_return std::nullopt;
}

asio::awaitable<ExchangeResult> exchange(asio::io_context& ctx, ExchangeSpec spec,
                                         std::unique_ptr<ClientConnection> c) {
  ExchangeResult r;
  const bool fresh = c == nullptr;
  if (fresh) {
    c = std::make_unique<ClientConnection>(ctx);
    if (auto failed = co_await connect(*c, spec)) {
      r.error = std::move(*failed);
      co_return r;
    }
  }
  c->stream.expires_at(spec.deadline);
  const std::array<asio::const_buffer, 2> request{asio::buffer(spec.bytes),
                                                  asio::buffer(spec.body)};
  auto [wec, written] = co_await asio::async_write(c->stream, request, kNoThrow);
  if (wec) {
    r.stale_connection = !fresh && wec != beast::error::timeout;
    r.error = unavailable(wec == beast::error::timeout ? "request timed out" : "send failed", wec);
    co_return r;
  }
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(kMaxResponseHeader);
  parser.body_limit(spec.max_response_bytes);
  if (spec.head) parser.skip(true);
  auto [ec, read] = co_await bhttp::async_read(c->stream, c->buffer, parser, kNoThrow);
  if (ec) {
    r.stale_connection = !fresh && !parser.got_some() && ec != beast::error::timeout;
    if (ec == bhttp::error::body_limit) {
      r.error = unavailable("response too large", ec);
    } else {
      r.error = unavailable(ec == beast::error::timeout ? "request timed out" : "bad response", ec);
    }
    co_return r;
  }
  auto message = parser.release();
  r.response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    r.response.headers.emplace_back(to_lower_ascii(field.name_string()),
                                    std::string(field.value()));
  }
  r.response.body = std::move(message.body());
  r.keep_alive = message.keep_alive();
  c->stream.expires_never();
  r.connection = std::move(c);
  co_return r;
}

}  // namespace sp::http
