// Connection: choosing inline vs worker execution, awaiting the worker without blocking the I/O
// thread, and recording each request (metrics, access log).
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <type_traits>

#include "connection.hpp"
#include "pipeline.hpp"
#include "strangeprompt/core/log.hpp"
#include "strangeprompt/metrics/metrics.hpp"

namespace sp::http {

namespace asio = boost::asio;

std::optional<Response> Connection::answer_inline(RouteMatch& match) {
  if (match.route == nullptr) {
    if (match.method_not_allowed) return method_not_allowed_problem(std::move(match.allow));
    return not_found_problem();
  }
  request_->params = std::move(match.params);
  const Route& route = *match.route;
  if (needs_worker(route, *request_, static_cast<bool>(shared_.authenticator))) {
    return try_inline_answer(route, *request_, shared_.authenticator);
  }
  return run_route(route, *request_, shared_.authenticator, shared_.options.service,
                   authorized_early_);
}

asio::awaitable<ReadOutcome> Connection::authorize_head(const Route& route) {
  if (route.options.auth == AuthMode::kNone || !shared_.authenticator ||
      request_->header("authorization").empty()) {
    // No credential to check (or no authenticator): the policy decides without blocking.
    std::optional<Response> refusal = authorize(route, *request_, shared_.authenticator);
    if (!refusal) {
      authorized_early_ = true;
      co_return ReadOutcome::kOk;
    }
    early_refusal_ = std::move(refusal);
    co_return ReadOutcome::kRefusedEarly;
  }
  auto call = std::make_shared<WorkerCall>(shared_.now());
  call->authorize_only = true;
  WorkerOutcome result = co_await run_on_worker(route, call);
  if (result == WorkerOutcome::kAbandoned) co_return ReadOutcome::kClosed;
  if (result != WorkerOutcome::kDone) {
    early_refusal_ = worker_pool_full_problem();  // nothing was done: the client may retry
    co_return ReadOutcome::kRefusedEarly;
  }
  if (call->authorized) {
    authorized_early_ = true;
    co_return ReadOutcome::kOk;
  }
  early_refusal_ = std::move(call->response);
  co_return ReadOutcome::kRefusedEarly;
}

asio::awaitable<WorkerOutcome> Connection::run_on_worker(const Route& route,
                                                         std::shared_ptr<WorkerCall> call) {
  waiting_ = call;
  phase_ = ConnectionPhase::kAwaitingWorker;
  slow_watch_ = false;
  // The sweeper cancels the job at its queue budget unless a worker started it by then.
  deadline_ = call->enqueued + shared_.options.queue_timeout;
  auto initiate = [&](auto handler) {
    using HandlerType = std::decay_t<decltype(handler)>;
    auto executor = asio::get_associated_executor(handler, socket_.get_executor());
    auto holder = std::make_shared<HandlerType>(std::move(handler));
    // Called once, from the worker or this thread; the handler moves into the posted job so a
    // context torn down before running it destroys the coroutine instead of leaking it.
    call->resume = [holder, executor](WorkerOutcome outcome) {
      asio::post(executor, [h = std::move(*holder), outcome]() mutable { std::move(h)(outcome); });
    };
    bool accepted =
        shared_.pool->try_submit([call, request = request_, route_ptr = &route, shared = &shared_] {
          auto now = shared->now();
          if (now - call->enqueued >= shared->options.queue_timeout) {
            // Over budget before it started: drop it here rather than run work nobody awaits.
            if (call->cancel()) call->finish(WorkerOutcome::kExpired);
            return;
          }
          if (!call->start(now)) return;  // the sweeper cancelled it: nothing may run
          if (call->authorize_only) {
            std::optional<Response> refusal =
                authorize(*route_ptr, *request, shared->authenticator);
            if (refusal) {
              call->response = std::move(*refusal);
            } else {
              call->authorized = true;
            }
          } else {
            call->response = run_route(*route_ptr, *request, shared->authenticator,
                                       shared->options.service, call->authorized);
          }
          call->finish(WorkerOutcome::kDone);
        });
    if (!accepted) call->finish(WorkerOutcome::kRejected);
  };
  WorkerOutcome outcome =
      co_await asio::async_initiate<decltype(asio::use_awaitable), void(WorkerOutcome)>(
          initiate, asio::use_awaitable);
  waiting_.reset();
  co_return outcome;
}

void Connection::record(const Route* route, int status, std::size_t bytes,
                        Clock::time_point started) {
  auto elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  std::string_view label = route_label(route);
  std::string_view method = to_string(method_);
  if (shared_.metrics) shared_.metrics->observe_request(label, method, status, elapsed);
  if (!shared_.options.access_log) return;
  // The trace id comes from the log context; the request id is a field of its own.
  LogContext& context = LogContext::current();
  context.trace_id.assign(std::string_view(traceparent_).substr(3, 32));
  log_info(shared_.options.service, "request",
           {{"method", method},
            {"path", log_path_},
            {"route", label},
            {"status", status},
            {"duration_ms", elapsed * 1000.0},
            {"bytes", static_cast<uint64_t>(bytes)},
            {"request_id", request_id_},
            {"remote", client_}});
  context.trace_id.clear();
}

}  // namespace sp::http
