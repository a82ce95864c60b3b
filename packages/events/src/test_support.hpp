#pragma once
// The shared test helpers (TempDir, eventually) under this package's test namespace.
// ForwardingLog: an EventLog that forwards every call to a real one; tests override the calls they
// count or break.
#include "strangeprompt/core/testing/temp_dir.hpp"
#include "strangeprompt/events/event_log.hpp"

namespace sp::events::testing {
using sp::testing::eventually;
using sp::testing::TempDir;

class ForwardingLog : public EventLog {
 public:
  explicit ForwardingLog(EventLog& inner) : inner_(inner) {}

  Result<int64_t> append(std::string_view t, std::string_view k, std::string_view p) override {
    return inner_.append(t, k, p);
  }
  Result<std::vector<Record>> read(std::string_view t, int64_t from, std::size_t max) override {
    return inner_.read(t, from, max);
  }
  Result<std::vector<Record>> poll(std::string_view g, std::string_view t, std::size_t max,
                                   std::chrono::milliseconds wait) override {
    return inner_.poll(g, t, max, wait);
  }
  Status commit(std::string_view g, std::string_view t, int64_t next) override {
    return inner_.commit(g, t, next);
  }
  Result<int64_t> committed(std::string_view g, std::string_view t) override {
    return inner_.committed(g, t);
  }
  Status seek(std::string_view g, std::string_view t, int64_t offset) override {
    return inner_.seek(g, t, offset);
  }
  Result<int64_t> end_offset(std::string_view t) override { return inner_.end_offset(t); }
  Status ping() override { return inner_.ping(); }

 protected:
  EventLog& inner_;
};

}  // namespace sp::events::testing
