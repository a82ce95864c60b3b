#pragma once
// One accepted connection: the keep-alive loop (read header, match, read body, dispatch, write),
// its deadline for the sweeper, and the hand-off of blocking work to the worker pool.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "server_shared.hpp"
#include "strangeprompt/core/error.hpp"
#include "strangeprompt/http/message.hpp"
#include "strangeprompt/http/router.hpp"

namespace sp::http {

class IoThread;
class RequestParser;
struct ResponseMeta;

// kStreaming: writing an event stream (no deadline; a drain closes it like an idle connection).
enum class ConnectionPhase { kIdle, kReading, kAwaitingWorker, kWriting, kLingering, kStreaming };
// kExpired: dropped before it started (queue budget spent); kAbandoned: the connection closed.
enum class WorkerOutcome { kDone, kRejected, kExpired, kAbandoned };
enum class ReadOutcome {
  kOk,
  kClosed,
  kHeaderTooLarge,
  kBodyTooLarge,
  kMalformed,
  kNotImplemented,
  kSpoolRefused,  // a spooled body could not be taken: spool_error_ says why (400 or 503)
  kRefusedEarly   // authorize_before_body refused the head: early_refusal_ is the answer
};

// A job handed to the worker pool. Admission: the job stays queued until a worker claims it
// (start) or its queue budget is found spent, by the worker or the sweeper (cancel); a
// compare-exchange makes exactly one side win, so a cancelled job never runs and a started one
// is never answered 503. Whoever finishes first resumes the waiting coroutine, exactly once.
class WorkerCall {
 public:
  using Clock = std::chrono::steady_clock;
  explicit WorkerCall(Clock::time_point enqueued_at) : enqueued(enqueued_at) {}

  // queued -> started; false when it was cancelled (the job must do nothing).
  bool start(Clock::time_point now) {
    started_at_.store(now.time_since_epoch().count(), std::memory_order_relaxed);
    State expected = State::kQueued;
    return state_.compare_exchange_strong(expected, State::kStarted, std::memory_order_acq_rel);
  }
  // queued -> cancelled; false when a worker already started it.
  bool cancel() {
    State expected = State::kQueued;
    return state_.compare_exchange_strong(expected, State::kCancelled, std::memory_order_acq_rel);
  }
  // When start() won (read only after it did).
  Clock::time_point started_at() const {
    return Clock::time_point(Clock::duration(started_at_.load(std::memory_order_relaxed)));
  }
  // Resumes the waiter with `outcome` unless someone already did; false then.
  bool finish(WorkerOutcome outcome) {
    if (claimed_.exchange(true)) return false;
    resume(outcome);
    return true;
  }

  const Clock::time_point enqueued;
  Response response;  // written by the worker before finish(kDone)
  // authorize_only: the job runs only the route's policy (authorize_before_body) and sets
  // `authorized` when it passed, else `response` to the refusal. Otherwise `authorized` (set by
  // the I/O thread) says the policy already passed and the handler runs directly.
  bool authorize_only = false;
  bool authorized = false;
  std::function<void(WorkerOutcome)> resume;  // set on the I/O thread before submitting

 private:
  enum class State { kQueued, kStarted, kCancelled };
  std::atomic<State> state_{State::kQueued};
  std::atomic<Clock::rep> started_at_{0};
  std::atomic<bool> claimed_{false};
};

class Connection {
 public:
  using Clock = std::chrono::steady_clock;
  // `peer` is the socket's remote IP; `exempt` says whether it skipped the per-address cap. The
  // connection holds that ConnectionLimiter slot until it is destroyed.
  Connection(IoThread& io, ServerShared& shared, boost::asio::ip::tcp::socket socket,
             std::string peer, bool exempt);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Serves requests until the peer leaves, a deadline passes, or the server drains.
  boost::asio::awaitable<void> serve();

  // Sweeper hooks (I/O thread).
  Clock::time_point deadline() const { return deadline_; }
  // A queued job past its budget is cancelled and answered 503; a started one past
  // handler_timeout is logged as slow and left to finish; any other phase closes the socket.
  void on_deadline();
  bool between_requests() const {
    return phase_ == ConnectionPhase::kIdle || phase_ == ConnectionPhase::kLingering ||
           phase_ == ConnectionPhase::kStreaming;
  }
  void close_now();

  Connection* prev = nullptr;  // IoThread's intrusive list
  Connection* next = nullptr;

 private:
  boost::asio::awaitable<bool> read_more();
  boost::asio::awaitable<ReadOutcome> read_header(RequestParser& parser);
  // With `progress_extends`, every chunk that arrives moves the read deadline on (a spooled
  // upload may take longer than read_timeout as long as it keeps coming).
  boost::asio::awaitable<ReadOutcome> read_body(RequestParser& parser, bool progress_extends);
  boost::asio::awaitable<bool> write_response(const Response& response, const ResponseMeta& meta);
  boost::asio::awaitable<void> linger_close(std::size_t drain_bytes = 0);
  // Writes what `stream` is sent, and heartbeats while it is quiet, until it or the socket ends.
  boost::asio::awaitable<void> stream_events(std::shared_ptr<EventStream> stream);
  // 404/405 and inline routes answer here; nullopt means the route needs the worker pool.
  std::optional<Response> answer_inline(RouteMatch& match);
  // authorize_before_body: the route's policy on the head alone (on a worker when a credential
  // must be checked). kOk (authorized_early_ set), kRefusedEarly (early_refusal_ set) or kClosed.
  boost::asio::awaitable<ReadOutcome> authorize_head(const Route& route);
  boost::asio::awaitable<WorkerOutcome> run_on_worker(const Route& route,
                                                      std::shared_ptr<WorkerCall> call);
  void record(const Route* route, int status, std::size_t bytes, Clock::time_point started);
  void set_deadline(std::chrono::milliseconds d) { deadline_ = shared_.now() + d; }
  void apply_client_address();

  IoThread& io_;
  ServerShared& shared_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<Request> request_;  // shared with a worker job still running after a timeout
  std::shared_ptr<WorkerCall> waiting_;
  std::string head_;         // response head, reused
  std::string traceparent_;  // reused
  std::string request_id_;   // copies the session owns while a worker may hold the Request
  std::string log_path_;
  std::optional<Error> spool_error_;       // with ReadOutcome::kSpoolRefused
  std::optional<Response> early_refusal_;  // with ReadOutcome::kRefusedEarly
  bool authorized_early_ = false;          // authorize_before_body passed for this request
  std::size_t early_refusal_drain_ = 0;    // bytes of refused body to discard before closing
  std::string peer_;                       // TCP peer IP, fixed for the connection
  std::string client_;  // client address of the current request (peer or X-Forwarded-For)
  bool peer_exempt_ = false;
  bool peer_trusted_ = false;  // the peer is a trusted proxy: X-Forwarded-For counts
  bool slow_watch_ = false;    // the started job's handler_timeout deadline is armed
  Method method_ = Method::kOther;
  ConnectionPhase phase_ = ConnectionPhase::kIdle;
  Clock::time_point deadline_;
  // The timer an event stream waits on while quiet; close_now() cancels it.
  std::shared_ptr<boost::asio::steady_timer> stream_timer_;
};

}  // namespace sp::http
