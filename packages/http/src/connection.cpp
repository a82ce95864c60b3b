// The keep-alive loop of one connection. Deadlines are plain time points enforced by the I/O
// thread's sweeper; errors are codes (as_tuple), never exceptions.
#include "connection.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>

#include "body_spool.hpp"
#include "io_thread.hpp"
#include "pipeline.hpp"
#include "request_parser.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/http/event_stream.hpp"
#include "strangeprompt/metrics/metrics.hpp"
#include "wire.hpp"

namespace sp::http {

namespace asio = boost::asio;
namespace {
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 8192;
constexpr std::size_t kMaxLingerBytes = 1 << 20;
constexpr std::chrono::milliseconds kMaxLinger{2000};

ReadOutcome classify(const boost::beast::error_code& ec) {
  namespace he = boost::beast::http;
  if (ec == he::error::header_limit) return ReadOutcome::kHeaderTooLarge;
  if (ec == he::error::body_limit) return ReadOutcome::kBodyTooLarge;
  return ReadOutcome::kMalformed;
}

void skip_leading_empty_lines(boost::beast::flat_buffer& buffer) {
  auto bytes = static_cast<const char*>(buffer.data().data());
  std::size_t n = 0;
  while (n < buffer.size() && (bytes[n] == '\r' || bytes[n] == '\n')) ++n;
  buffer.consume(n);
}

Response problem_for(ReadOutcome outcome) {
  switch (outcome) {
    case ReadOutcome::kHeaderTooLarge:
      return header_too_large_problem();
    case ReadOutcome::kBodyTooLarge:
      return payload_too_large_problem();
    case ReadOutcome::kNotImplemented:
      return status_problem(501, "transfer coding not implemented; send chunked or a length");
    default:
      return bad_request_problem();
  }
}
}  // namespace

Connection::Connection(IoThread& io, ServerShared& shared, asio::ip::tcp::socket socket,
                       std::string peer, bool exempt)
    : io_(io),
      shared_(shared),
      socket_(std::move(socket)),
      request_(std::make_shared<Request>()),
      peer_(std::move(peer)),
      peer_exempt_(exempt) {
  if (!shared_.trusted_proxies.empty()) {
    auto ip = IpAddress::parse(peer_);
    peer_trusted_ = ip && shared_.trusted_proxies.contains(*ip);
  }
  io_.link(*this);
}

Connection::~Connection() {
  io_.unlink(*this);
  shared_.limiter->release(peer_, peer_exempt_);
}

void Connection::on_deadline() {
  if (phase_ == ConnectionPhase::kAwaitingWorker && waiting_) {
    if (waiting_->cancel()) {
      waiting_->finish(WorkerOutcome::kExpired);
      return;
    }
    // Started: its real answer goes out when it finishes; handler_timeout only reports it.
    if (!slow_watch_) {
      slow_watch_ = true;
      deadline_ = waiting_->started_at() + shared_.options.handler_timeout;
      return;
    }
    log_warn(
        shared_.options.service, "slow handler still running",
        {{"path", log_path_},
         {"request_id", request_id_},
         {"handler_timeout_ms", static_cast<int64_t>(shared_.options.handler_timeout.count())}});
    if (shared_.metrics) shared_.metrics->add_counter("sp_http_slow_handlers_total", "");
    deadline_ = Clock::time_point::max();
    return;
  }
  close_now();
}

void Connection::close_now() {
  boost::system::error_code ec;
  socket_.close(ec);
  if (stream_timer_) stream_timer_->cancel();
  if (phase_ == ConnectionPhase::kAwaitingWorker && waiting_) {
    // Nobody can receive an answer now: a queued job is dropped, a started one finishes unseen.
    waiting_->cancel();
    waiting_->finish(WorkerOutcome::kAbandoned);
  }
}

void Connection::apply_client_address() {
  if (request_->peer_address != peer_) request_->peer_address.assign(peer_);
  if (peer_trusted_) {
    request_->remote_address = client_address(peer_, request_->headers, shared_.trusted_proxies);
  } else if (request_->remote_address != peer_) {
    request_->remote_address = peer_;
  }
  client_.assign(request_->remote_address);
}

asio::awaitable<void> Connection::serve() {
  const ServerOptions& options = shared_.options;
  bool first = true;
  while (socket_.is_open()) {
    phase_ = ConnectionPhase::kIdle;
    set_deadline(first ? options.read_timeout : options.idle_timeout);
    if (buffer_.size() == 0) {
      if (shared_.draining.load(std::memory_order_relaxed)) break;
      if (!co_await read_more()) break;
    }
    first = false;
    auto started = Clock::now();
    phase_ = ConnectionPhase::kReading;
    set_deadline(options.read_timeout);

    RequestParser parser(*request_);
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(shared_.largest_body_limit);
    ReadOutcome outcome = co_await read_header(parser);
    RouteMatch match;
    // A route with a spool_dir gets its body in a temporary file, never in memory; the file is
    // removed with `spool` unless the whole body arrives and is handed to the Request.
    std::unique_ptr<BodySpool> spool;
    spool_error_.reset();
    early_refusal_.reset();
    early_refusal_drain_ = 0;
    authorized_early_ = false;
    if (outcome == ReadOutcome::kOk) {
      match = shared_.router.match(request_->method, request_->path);
      // The route's auth policy on the head alone, before any body byte is read or spooled.
      if (match.route != nullptr && match.route->options.authorize_before_body) {
        outcome = co_await authorize_head(*match.route);
        if (outcome == ReadOutcome::kClosed) break;
        if (outcome == ReadOutcome::kRefusedEarly) {
          // After the answer, the unread body (as declared, at most the route's limit, plus
          // chunk framing) is read and thrown away before the close: nothing is spooled.
          const std::size_t limit = shared_.body_limit_for(match.route);
          early_refusal_drain_ =
              std::min(parser.content_length().value_or(limit), limit) + kReadChunk;
        }
        phase_ = ConnectionPhase::kReading;
        set_deadline(options.read_timeout);
      }
    }
    if (outcome == ReadOutcome::kOk) {
      std::size_t limit = shared_.body_limit_for(match.route);
      auto length = parser.content_length();
      if (length && *length > limit) {
        outcome = ReadOutcome::kBodyTooLarge;
      } else if (match.route != nullptr && !match.route->options.spool_dir.empty()) {
        auto opened =
            BodySpool::open(match.route->options.spool_dir, request_->header("content-type"));
        if (opened.ok()) {
          spool = std::move(opened).value();
          parser.spool_to(spool.get());
        } else {
          spool_error_ = opened.error();
          outcome = ReadOutcome::kSpoolRefused;
        }
      }
      if (outcome == ReadOutcome::kOk && !parser.is_done()) {
        parser.body_limit(limit);
        if (parser.expects_continue()) {
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(kContinue), kNoThrow);
          if (ec) break;
        }
        outcome = co_await read_body(parser, spool != nullptr);
      }
      if (spool && outcome != ReadOutcome::kOk && outcome != ReadOutcome::kClosed &&
          (spool->write_failed() || !spool->bad_body().empty())) {
        spool_error_ = spool->write_failed()
                           ? Error::unavailable("the upload cannot be stored now; retry later")
                           : Error::invalid(std::string(spool->bad_body()));
        outcome = ReadOutcome::kSpoolRefused;
      }
      if (spool && outcome == ReadOutcome::kOk) {
        auto finished = spool->finish();
        if (finished.ok()) {
          request_->spooled = std::move(finished).value();
        } else {
          spool_error_ = finished.error();
          outcome = ReadOutcome::kSpoolRefused;
        }
      }
      parser.spool_to(nullptr);
      spool.reset();  // an unfinished file is gone before the answer goes out
    }
    if (outcome == ReadOutcome::kClosed) break;

    // Ids must not come from junk (a head refused by the route's policy was well formed).
    if (outcome != ReadOutcome::kOk && outcome != ReadOutcome::kRefusedEarly) {
      request_->headers.clear();
    }
    apply_client_address();
    assign_request_ids(*request_, traceparent_);
    request_id_.assign(request_->request_id);
    log_path_.assign(request_->path);
    method_ = request_->method;
    ResponseMeta meta;
    meta.keep_alive = outcome == ReadOutcome::kOk && parser.keep_alive() &&
                      !shared_.draining.load(std::memory_order_relaxed);
    meta.http10 = parser.version() == 10;
    meta.head_request = method_ == Method::kHead;

    const Route* route = match.route;
    Response response;
    if (outcome == ReadOutcome::kSpoolRefused && spool_error_) {
      response = Response::problem(*spool_error_);
    } else if (outcome == ReadOutcome::kRefusedEarly && early_refusal_) {
      response = std::move(*early_refusal_);  // the body was never read: the connection closes
    } else if (outcome != ReadOutcome::kOk) {
      response = problem_for(outcome);
    } else if (auto inline_response = answer_inline(match)) {
      response = std::move(*inline_response);
    } else {
      auto call = std::make_shared<WorkerCall>(shared_.now());
      call->authorized = authorized_early_;
      WorkerOutcome result = co_await run_on_worker(*route, call);
      if (result == WorkerOutcome::kDone) {
        response = std::move(call->response);
      } else if (result == WorkerOutcome::kRejected) {
        if (shared_.metrics) shared_.metrics->add_counter("sp_http_worker_rejected_total", "");
        response = worker_pool_full_problem();
      } else if (result == WorkerOutcome::kExpired) {
        if (shared_.metrics) shared_.metrics->add_counter("sp_http_worker_expired_total", "");
        response = worker_pool_full_problem();  // nothing ran: the client may simply retry
      } else {
        break;  // closed under us; a started worker may still hold the Request: never reuse it
      }
    }
    // The handler is done: a spooled body's file goes now, not when the connection next moves
    // (an idle keep-alive connection must not hold disk).
    request_->spooled.reset();
    // A drain that began while the handler ran still closes this connection after the answer.
    if (shared_.draining.load(std::memory_order_relaxed)) meta.keep_alive = false;
    meta.request_id = request_id_;
    meta.traceparent = traceparent_;
    if (response.stream) {
      std::shared_ptr<EventStream> stream = std::move(response.stream);
      if (meta.head_request || !status_has_body(response.status)) {
        stream->finish();
      } else {
        meta.keep_alive = false;
        meta.streaming = true;
        bool head_written = co_await write_response(response, meta);
        record(route, response.status, 0, started);
        if (head_written) co_await stream_events(stream);
        stream->finish();
        break;
      }
    }
    bool written = co_await write_response(response, meta);
    record(route, response.status, response.body.size(), started);
    if (!written) break;
    if (!meta.keep_alive) {
      co_await linger_close(early_refusal_drain_);
      break;
    }
  }
}

asio::awaitable<bool> Connection::read_more() {
  auto [ec, n] = co_await socket_.async_read_some(buffer_.prepare(kReadChunk), kNoThrow);
  if (ec) co_return false;
  buffer_.commit(n);
  co_return true;
}

asio::awaitable<ReadOutcome> Connection::read_header(RequestParser& parser) {
  while (true) {
    // RFC 9112 §2.2: empty lines before the request line are ignored.
    if (!parser.got_some()) skip_leading_empty_lines(buffer_);
    if (buffer_.size() > 0) {
      boost::beast::error_code ec;
      std::size_t used = parser.put(buffer_.data(), ec);
      buffer_.consume(used);
      if (!ec && parser.is_header_done()) co_return ReadOutcome::kOk;
      if (parser.unsupported_transfer_coding()) co_return ReadOutcome::kNotImplemented;
      if (ec && ec != boost::beast::http::error::need_more) co_return classify(ec);
      if (!ec && used > 0) continue;
    }
    if (!co_await read_more()) co_return ReadOutcome::kClosed;
  }
}

asio::awaitable<ReadOutcome> Connection::read_body(RequestParser& parser, bool progress_extends) {
  while (!parser.is_done()) {
    if (buffer_.size() > 0) {
      boost::beast::error_code ec;
      std::size_t used = parser.put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec && ec != boost::beast::http::error::need_more) co_return classify(ec);
      if (parser.is_done()) break;
      if (!ec && used > 0) continue;
    }
    if (!co_await read_more()) co_return ReadOutcome::kClosed;
    if (progress_extends) set_deadline(shared_.options.read_timeout);
  }
  co_return ReadOutcome::kOk;
}

asio::awaitable<bool> Connection::write_response(const Response& response,
                                                 const ResponseMeta& meta) {
  phase_ = ConnectionPhase::kWriting;
  set_deadline(shared_.options.idle_timeout);
  write_response_head(head_, response, meta);
  bool with_body = !meta.head_request && status_has_body(response.status);
  std::array<asio::const_buffer, 2> buffers{
      asio::buffer(head_), with_body ? asio::buffer(response.body) : asio::const_buffer()};
  auto [ec, n] = co_await asio::async_write(socket_, buffers, kNoThrow);
  co_return !ec;
}

asio::awaitable<void> Connection::stream_events(std::shared_ptr<EventStream> stream) {
  phase_ = ConnectionPhase::kStreaming;
  deadline_ = Clock::time_point::max();  // quiet is expected; heartbeats find a dead peer
  auto timer = std::make_shared<asio::steady_timer>(socket_.get_executor());
  stream_timer_ = timer;
  std::weak_ptr<asio::steady_timer> weak = timer;
  // Called under the stream's lock from any thread: wake this coroutine on its own thread. A
  // wake that lands while a write is in flight is harmless: the loop takes again after it.
  stream->set_waker([weak, executor = socket_.get_executor()] {
    asio::post(executor, [weak] {
      if (auto t = weak.lock()) t->cancel();
    });
  });
  // Also when the frame is destroyed unfinished (a stopped context): no waker may outlive it.
  struct Finish {
    EventStream& s;
    ~Finish() { s.finish(); }
  } finish_on_exit{*stream};
  static constexpr std::string_view kHeartbeat = ": hb\n\n";
  while (socket_.is_open() && !shared_.draining.load(std::memory_order_relaxed)) {
    EventStream::Taken taken = stream->take();
    if (!taken.text.empty()) {
      auto [ec, n] = co_await asio::async_write(socket_, asio::buffer(taken.text), kNoThrow);
      if (ec) break;
      continue;
    }
    if (taken.closed) break;
    timer->expires_after(stream->heartbeat());
    auto [ec] = co_await timer->async_wait(kNoThrow);
    if (ec || !socket_.is_open()) continue;  // woken: take again (or leave when closed)
    auto [wec, n] = co_await asio::async_write(socket_, asio::buffer(kHeartbeat), kNoThrow);
    if (wec) break;
  }
  stream_timer_.reset();
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

asio::awaitable<void> Connection::linger_close(std::size_t drain_bytes) {
  // Half-close and drain what the peer still sends, so it reads our answer instead of a reset.
  // `drain_bytes` > 0 (a body refused from its head): discard up to that much, each chunk moving
  // the read deadline on, so a client that writes its whole body before reading still gets it.
  phase_ = ConnectionPhase::kLingering;
  const std::size_t limit = std::max(drain_bytes, kMaxLingerBytes);
  set_deadline(drain_bytes > 0
                   ? shared_.options.read_timeout
                   : std::min<std::chrono::milliseconds>(shared_.options.read_timeout, kMaxLinger));
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  std::size_t discarded = 0;
  while (discarded < limit) {
    buffer_.clear();
    auto [ec, n] = co_await socket_.async_read_some(buffer_.prepare(kReadChunk), kNoThrow);
    if (ec) break;
    discarded += n;
    if (drain_bytes > 0) set_deadline(shared_.options.read_timeout);
  }
  socket_.close(ignored);
}

}  // namespace sp::http
