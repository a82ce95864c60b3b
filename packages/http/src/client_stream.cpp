// The live-body exchange of HttpClient::open(), on the client's I/O thread.
#include "client_stream.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/read.hpp>

#include "strangeprompt/core/strings.hpp"

namespace sp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kMaxResponseHeader = 64 * 1024;
constexpr std::size_t kChunk = 16 * 1024;

Error failure(std::string_view what, const boost::system::error_code& ec) {
  return Error{ErrorCode::kUnavailable,
               std::string(ec == beast::error::timeout ? "request timed out" : what), ec.message()};
}

bool is_event_stream(std::string_view content_type) {
  constexpr std::string_view kType = "text/event-stream";
  return content_type.size() >= kType.size() &&
         iequals_ascii(content_type.substr(0, kType.size()), kType);
}

// Calls on_end once, also when the frame is destroyed by a stopped context.
struct EndOnExit {
  BodySink& sink;
  bool armed = false;
  ~EndOnExit() {
    if (armed && sink.on_end) sink.on_end();
  }
};
}  // namespace

asio::awaitable<void> stream_exchange(ExchangeSpec spec, std::shared_ptr<ClientConnection> c,
                                      std::shared_ptr<std::promise<Result<StreamedResponse>>> head,
                                      BodySink sink,
                                      std::function<std::shared_ptr<StreamingCall>()> make_call) {
  if (auto failed = co_await connect(*c, spec)) {
    head->set_value(std::move(*failed));
    co_return;
  }
  c->stream.expires_at(spec.deadline);
  const std::array<asio::const_buffer, 2> request{asio::buffer(spec.bytes),
                                                  asio::buffer(spec.body)};
  auto [wec, written] = co_await asio::async_write(c->stream, request, kNoThrow);
  if (wec) {
    head->set_value(failure("send failed", wec));
    co_return;
  }
  bhttp::response_parser<bhttp::buffer_body> parser;
  parser.header_limit(kMaxResponseHeader);
  parser.body_limit(boost::none);
  if (spec.head) parser.skip(true);
  auto [hec, hn] = co_await bhttp::async_read_header(c->stream, c->buffer, parser, kNoThrow);
  if (hec) {
    head->set_value(failure("bad response", hec));
    co_return;
  }
  StreamedResponse out;
  out.head.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) {
    out.head.headers.emplace_back(to_lower_ascii(field.name_string()), std::string(field.value()));
  }
  const bool live = is_event_stream(out.head.header("content-type")) && !parser.is_done();
  std::array<char, kChunk> chunk{};
  if (!live) {
    while (!parser.is_done()) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      auto [ec, n] = co_await bhttp::async_read_some(c->stream, c->buffer, parser, kNoThrow);
      if (ec == bhttp::error::need_buffer) ec = {};
      if (ec) {
        head->set_value(failure("bad response", ec));
        co_return;
      }
      std::size_t got = chunk.size() - parser.get().body().size;
      if (out.head.body.size() + got > spec.max_response_bytes) {
        head->set_value(Error{ErrorCode::kUnavailable, "response too large"});
        co_return;
      }
      out.head.body.append(chunk.data(), got);
    }
    head->set_value(std::move(out));
    co_return;
  }
  EndOnExit end{sink, true};
  out.call = make_call();
  head->set_value(std::move(out));
  head.reset();
  c->stream.expires_never();
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    auto [ec, n] = co_await bhttp::async_read_some(c->stream, c->buffer, parser, kNoThrow);
    if (ec == bhttp::error::need_buffer) ec = {};
    std::size_t got = chunk.size() - parser.get().body().size;
    if (got > 0 && sink.on_data && !sink.on_data(std::string_view(chunk.data(), got))) break;
    if (ec) break;
  }
  boost::system::error_code ignored;
  c->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  c->stream.close();
}

}  // namespace sp::http
