#include "strangeprompt/http/event_stream.hpp"

#include <utility>

namespace sp::http {

bool EventStream::send(std::string text) {
  std::lock_guard lock(mu_);
  if (closed_ || finished_) return false;
  pending_ += text;
  if (waker_) waker_();
  return true;
}

void EventStream::close() {
  std::lock_guard lock(mu_);
  if (closed_) return;
  closed_ = true;
  if (waker_) waker_();
}

bool EventStream::ended() const {
  std::lock_guard lock(mu_);
  return closed_ || finished_;
}

void EventStream::on_finished(std::function<void()> fn) {
  bool run_now = false;
  {
    std::lock_guard lock(mu_);
    if (finished_) {
      run_now = true;
    } else {
      on_finished_ = std::move(fn);
    }
  }
  if (run_now && fn) fn();
}

EventStream::Taken EventStream::take() {
  std::lock_guard lock(mu_);
  Taken out;
  out.text.swap(pending_);
  out.closed = closed_;
  return out;
}

void EventStream::set_waker(std::function<void()> waker) {
  std::lock_guard lock(mu_);
  waker_ = std::move(waker);
}

void EventStream::finish() {
  std::function<void()> fn;
  {
    std::lock_guard lock(mu_);
    if (finished_) return;
    finished_ = true;
    waker_ = nullptr;
    pending_.clear();
    fn = std::move(on_finished_);
  }
  if (fn) fn();
}

namespace {
void append_clean(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c != '\r' && c != '\n') out.push_back(c);
  }
}
}  // namespace

std::string sse_message(std::string_view id, std::string_view event, std::string_view data) {
  std::string out;
  out.reserve(data.size() + id.size() + event.size() + 32);
  if (!id.empty()) {
    out += "id: ";
    append_clean(out, id);
    out += '\n';
  }
  if (!event.empty()) {
    out += "event: ";
    append_clean(out, event);
    out += '\n';
  }
  std::size_t start = 0;
  while (true) {
    std::size_t end = data.find_first_of("\r\n", start);
    out += "data: ";
    out += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
    if (data[end] == '\r' && start < data.size() && data[start] == '\n') ++start;
  }
  out += '\n';
  return out;
}

}  // namespace sp::http
