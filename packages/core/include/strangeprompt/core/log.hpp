#pragma once
// JSON-lines logging: one object per line with time, level, service, trace id, message, fields.
// On a terminal the process may switch to a human-readable line per event (LogFormat::kText):
// "07:32:43.285 INFO  auth: migration applied  migration=001_users.sql version=1".
// Never pass a password, token, key or secret as a field; tests scan the log for them.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace sp {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };
enum class LogFormat { kJson, kText };

// A key and an already-typed value; numbers and booleans are written bare, strings quoted.
struct LogField {
  LogField(std::string_view k, std::string_view v) : key(k), value(v) {}
  LogField(std::string_view k, const char* v) : key(k), value(v) {}
  LogField(std::string_view k, const std::string& v) : key(k), value(v) {}
  LogField(std::string_view k, int64_t v) : key(k), value(std::to_string(v)), bare(true) {}
  LogField(std::string_view k, int v) : key(k), value(std::to_string(v)), bare(true) {}
  LogField(std::string_view k, uint64_t v) : key(k), value(std::to_string(v)), bare(true) {}
  LogField(std::string_view k, double v);
  LogField(std::string_view k, bool v) : key(k), value(v ? "true" : "false"), bare(true) {}
  std::string key;
  std::string value;
  bool bare = false;
};

// Per-thread request context; the HTTP layer sets it around each handler so log lines carry it.
struct LogContext {
  std::string trace_id;
  std::string request_id;
  static LogContext& current();
};

class Logger {
 public:
  using Sink = std::function<void(std::string_view line)>;  // line ends with '\n'

  static Logger& global();

  void set_level(LogLevel level) { level_ = level; }
  // kJson (the default) or kText; set once at start-up, before threads log.
  void set_format(LogFormat format) { format_ = format; }
  LogFormat format() const { return format_; }
  // kText when stderr is a terminal, else kJson: what `log.format = auto` means.
  static LogFormat format_for_stderr();
  LogLevel level() const { return level_; }
  bool enabled(LogLevel level) const { return level >= level_; }
  // Replaces the sink (default: stderr, one write per line). Not thread-safe with concurrent log().
  void set_sink(Sink sink) { sink_ = std::move(sink); }

  void log(LogLevel level, std::string_view service, std::string_view message,
           std::initializer_list<LogField> fields = {});

  static std::string_view level_name(LogLevel level);
  static bool parse_format(std::string_view name, LogFormat& out);  // "json" | "text"
  // One event as a human-readable line (ends with '\n'); `time` is RFC 3339. Values with
  // spaces or quotes are quoted; multi-line values are escaped.
  static std::string text_line(std::string_view time, LogLevel level, std::string_view service,
                               std::string_view request_id, std::string_view message,
                               std::initializer_list<LogField> fields);
  static bool parse_level(std::string_view name, LogLevel& out);

 private:
  LogLevel level_ = LogLevel::kInfo;
  LogFormat format_ = LogFormat::kJson;
  Sink sink_;
};

inline void log_debug(std::string_view svc, std::string_view msg,
                      std::initializer_list<LogField> f = {}) {
  if (Logger::global().enabled(LogLevel::kDebug))
    Logger::global().log(LogLevel::kDebug, svc, msg, f);
}
inline void log_info(std::string_view svc, std::string_view msg,
                     std::initializer_list<LogField> f = {}) {
  Logger::global().log(LogLevel::kInfo, svc, msg, f);
}
inline void log_warn(std::string_view svc, std::string_view msg,
                     std::initializer_list<LogField> f = {}) {
  Logger::global().log(LogLevel::kWarn, svc, msg, f);
}
inline void log_error(std::string_view svc, std::string_view msg,
                      std::initializer_list<LogField> f = {}) {
  Logger::global().log(LogLevel::kError, svc, msg, f);
}

}  // namespace sp
