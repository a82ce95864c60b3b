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

LogFormat Logger::format_for_stderr() {
  return ::isatty(STDERR_FILENO) == 1 ? LogFormat::kText : LogFormat::kJson;
}

bool Logger::parse_format(std::string_view name, LogFormat& out) {
  if (name == "json") {
    out = LogFormat::kJson;
    return true;
  }
  if (name == "text") {
    out = LogFormat::kText;
    return true;
  }
  return false;
}

namespace {

void append_text_value(std::string& out, std::string_view v, bool bare) {
  bool plain = bare || (!v.empty() && v.find_first_of(" \t\"=\n\r") == std::string_view::npos);
  if (plain) {
    out += v;
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace

std::string Logger::text_line(std::string_view time, LogLevel level, std::string_view service,
                              std::string_view request_id, std::string_view message,
                              std::initializer_list<LogField> fields) {
  std::string line;
  line.reserve(120);
  // "2026-12-03T07:32:43.285Z" -> "07:32:43.285": the day is rarely what a reader wants.
  auto t = time.find('T');
  std::string_view clock = t == std::string_view::npos ? time : time.substr(t + 1);
  if (!clock.empty() && clock.back() == 'Z') clock.remove_suffix(1);
  line += clock;
  line.push_back(' ');
  static constexpr std::string_view kNames[] = {"DEBUG", "INFO ", "WARN ", "ERROR"};
  line += kNames[static_cast<int>(level)];
  line.push_back(' ');
  line += service;
  line += ": ";
  line += message;
  bool first = true;
  for (const LogField& f : fields) {
    line += first ? "  " : " ";
    first = false;
    line += f.key;
    line.push_back('=');
    append_text_value(line, f.value, f.bare);
  }
  if (!request_id.empty()) {
    line += first ? "  " : " ";
    line += "request_id=";
    line += request_id;
  }
  line.push_back('\n');
  return line;
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
  if (format_ == LogFormat::kText) {
    std::string text = text_line(format_rfc3339(Clock::system().now()), level, service,
                                 LogContext::current().request_id, message, fields);
    if (sink_) {
      sink_(text);
    } else {
      [[maybe_unused]] auto n = ::write(STDERR_FILENO, text.data(), text.size());
    }
    return;
  }
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
