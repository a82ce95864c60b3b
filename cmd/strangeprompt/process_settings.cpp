#include "process_settings.hpp"

#include <charconv>
#include <filesystem>

#include "strangeprompt/core/settings.hpp"

namespace sp::cmd {
namespace {

using std::chrono::milliseconds;
constexpr std::size_t kMiB = 1024 * 1024;

}  // namespace

Result<std::pair<std::string, uint16_t>> parse_listen(std::string_view listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string_view::npos) return Error::invalid("listen must be HOST:PORT");
  std::string host(listen.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::string_view port_text = listen.substr(colon + 1);
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || p != port_text.data() + port_text.size() || port > 65535) {
    return Error::invalid("listen: bad port '" + std::string(port_text) + "'");
  }
  return std::pair{host.empty() ? std::string("0.0.0.0") : host, static_cast<uint16_t>(port)};
}

ProcessSettings read_process_settings(SettingsReader& settings) {
  ProcessSettings p;
  p.target = settings.text("target", p.target);
  std::string level = settings.one_of("log.level", "info", {"debug", "info", "warn", "error"});
  Logger::parse_level(level, p.log_level);
  std::string format = settings.one_of("log.format", "auto", {"auto", "json", "text"});
  if (!Logger::parse_format(format, p.log_format)) p.log_format = Logger::format_for_stderr();
  std::error_code ec;
  const std::string dir = settings.required_text("data_dir", "data");
  auto absolute = std::filesystem::absolute(dir, ec);
  if (ec) settings.reject("data_dir", "cannot resolve \"" + dir + "\": " + ec.message());
  p.data_dir = ec ? dir : absolute.lexically_normal().string();
  return p;
}

http::ServerOptions read_server_options(SettingsReader& s) {
  http::ServerOptions o;
  const std::string listen = s.text("http.listen", "0.0.0.0:8080");
  if (auto parsed = parse_listen(listen); parsed.ok()) {
    o.host = parsed->first;
    o.port = parsed->second;
  } else {
    s.reject("http.listen", parsed.error().message);
  }
  o.io_threads = static_cast<int>(s.integer("http.io_threads", o.io_threads, 0, 1024));
  o.worker_threads = static_cast<int>(s.integer("http.worker_threads", o.worker_threads, 0, 4096));
  o.worker_queue = s.size("http.worker_queue", o.worker_queue, 1, 1'000'000);
  o.max_header_bytes = s.size("http.max_header_bytes", o.max_header_bytes, 1024, 1 * kMiB);
  o.max_body_bytes = s.size("http.max_body_bytes", o.max_body_bytes, 0, 1024 * kMiB);
  o.read_timeout = s.millis("http.read_timeout_ms", o.read_timeout, milliseconds(1));
  o.idle_timeout = s.millis("http.idle_timeout_ms", o.idle_timeout, milliseconds(1));
  o.queue_timeout = s.millis("http.queue_timeout_ms", o.queue_timeout, milliseconds(1));
  o.handler_timeout = s.millis("http.handler_timeout_ms", o.handler_timeout, milliseconds(1));
  o.drain_timeout = s.millis("http.drain_timeout_ms", o.drain_timeout);
  o.max_connections = s.size("http.max_connections", o.max_connections, 1, 10'000'000);
  o.max_connections_per_address =
      s.size("http.max_connections_per_address", o.max_connections_per_address, 0, 10'000'000);
  o.trusted_proxies = s.list("http.trusted_proxies", o.trusted_proxies);
  o.access_log = s.boolean("http.access_log", o.access_log);
  o.service = "http";
  return o;
}

}  // namespace sp::cmd
