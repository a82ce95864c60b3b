// Response serialisation.
#include "wire.hpp"

#include <charconv>
#include <ctime>

#include "status_reason.hpp"
#include "strangeprompt/core/strings.hpp"

namespace sp::http {

namespace {

bool is_reserved_header(std::string_view name) {
  return iequals_ascii(name, "content-length") || iequals_ascii(name, "transfer-encoding") ||
         iequals_ascii(name, "connection") || iequals_ascii(name, "date") ||
         iequals_ascii(name, "server");
}

bool has_line_break(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

void append_number(std::string& out, std::size_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

}  // namespace

bool status_has_body(int status) {
  return status >= 200 && status != 204 && status != 304;
}

void write_response_head(std::string& out, const Response& response, const ResponseMeta& meta) {
  out.clear();
  out += "HTTP/1.1 ";
  append_number(out, static_cast<std::size_t>(response.status));
  out.push_back(' ');
  out += reason_phrase(response.status);
  out += "\r\nServer: strangeprompt\r\nDate: ";
  out += http_date_now();
  out += "\r\n";
  if (status_has_body(response.status) && !meta.streaming) {
    out += "Content-Length: ";
    append_number(out, response.body.size());
    out += "\r\n";
  }
  if (!meta.keep_alive) {
    out += "Connection: close\r\n";
  } else if (meta.http10) {
    out += "Connection: keep-alive\r\n";
  }
  if (!meta.request_id.empty()) append_header(out, "x-request-id", meta.request_id);
  if (!meta.traceparent.empty()) append_header(out, "traceparent", meta.traceparent);
  for (const auto& [name, value] : response.headers) {
    if (name.empty() || is_reserved_header(name) || has_line_break(name) || has_line_break(value)) {
      continue;
    }
    append_header(out, name, value);
  }
  out += "\r\n";
}

std::string_view http_date_now() {
  struct Cache {
    std::time_t second = -1;
    char text[32] = {};
    std::size_t size = 0;
  };
  thread_local Cache cache;
  std::time_t now = std::time(nullptr);
  if (now != cache.second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    cache.size = std::strftime(cache.text, sizeof cache.text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cache.second = now;
  }
  return {cache.text, cache.size};
}

}  // namespace sp::http
