#include "strangeprompt/core/log.hpp"

#include <unistd.h>

#include <cstdio>

#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/json_text.hpp"

namespace sp {

LogField::LogField(std::string_view k, double v) : key(k), bare(true) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  value = buf;
}

LogContext& LogContext::current() {
  thread_local LogContext ctx;
  return ctx;
}

Logger& Logger::global() {
  static Logger logger;
  return logger;
}

std::string_view Logger::level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

bool Logger::parse_level(std::string_view name, LogLevel& out) {
  for (auto l : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    if (level_name(l) == name) {
      out = l;
      return true;
    }
  }
  return false;
}

void Logger::log(LogLevel level, std::string_view service, std::string_view message,
                 std::initializer_list<LogField> fields) {
  if (!enabled(level)) return;
  std::string line;
  line.reserve(160);
  line += "{\"time\":";
  append_json_string(line, format_rfc3339(Clock::system().now()));
  line += ",\"level\":\"";
  line += level_name(level);
  line += "\",\"service\":";
  append_json_string(line, service);
  const LogContext& ctx = LogContext::current();
  if (!ctx.trace_id.empty()) {
    line += ",\"trace_id\":";
    append_json_string(line, ctx.trace_id);
  }
  if (!ctx.request_id.empty()) {
    line += ",\"request_id\":";
    append_json_string(line, ctx.request_id);
  }
  line += ",\"msg\":";
  append_json_string(line, message);
  for (const LogField& f : fields) {
    line.push_back(',');
    append_json_string(line, f.key);
    line.push_back(':');
    if (f.bare) {
      line += f.value;
    } else {
      append_json_string(line, f.value);
    }
  }
  line += "}\n";
  if (sink_) {
    sink_(line);
  } else {
    // One write(2) per line keeps lines whole when several threads log at once.
    [[maybe_unused]] auto n = ::write(STDERR_FILENO, line.data(), line.size());
  }
}

}  // namespace sp
