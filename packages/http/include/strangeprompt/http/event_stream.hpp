#pragma once
// A streamed response body for Server-Sent Events (text/event-stream). A handler returns
// Response::event_stream(stream); once the head is written the connection's I/O-thread coroutine
// writes whatever the stream is sent, and while nothing is queued it waits on a timer (no worker
// thread is held), writing a heartbeat comment (`: hb`) every heartbeat interval. The stream ends
// when the application closes it, the peer leaves (a write fails) or the server stops; then the
// on_finished callback runs once (on the I/O thread, or on the thread calling detach_for_tests).
//
// send() and close() may be called from any thread at any time, also before the server picked
// the stream up and after it ended (then they do nothing and send() answers false).
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace sp::http {

class EventStream {
 public:
  explicit EventStream(std::chrono::milliseconds heartbeat = std::chrono::seconds(15))
      : heartbeat_(heartbeat) {}
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Queues already formatted SSE text (see sse_message); false once the stream ended.
  bool send(std::string text);
  // Ends the stream once what is queued is written.
  void close();
  // True once the connection serving it ended (or close() was called).
  bool ended() const;
  std::chrono::milliseconds heartbeat() const { return heartbeat_; }
  // Runs once when the connection serving the stream ends (peer gone, close(), server stop).
  void on_finished(std::function<void()> fn);

  // The server side (connection coroutine). take() hands over the queued text and whether the
  // stream was closed; the waker is called (under the stream's lock) whenever there is news;
  // finish() clears the waker and runs on_finished.
  struct Taken {
    std::string text;
    bool closed = false;
  };
  Taken take();
  void set_waker(std::function<void()> waker);
  void finish();

 private:
  const std::chrono::milliseconds heartbeat_;
  mutable std::mutex mu_;
  std::string pending_;
  bool closed_ = false;
  bool finished_ = false;
  std::function<void()> waker_;
  std::function<void()> on_finished_;
};

// One SSE message: `id:` and `event:` lines (omitted when empty; CR/LF removed) and the data, one
// `data:` line per line of it, then the blank line that ends the message.
std::string sse_message(std::string_view id, std::string_view event, std::string_view data);

}  // namespace sp::http
