#pragma once
// The settings of the process itself (not of one service): target, data_dir, log.level and the
// HTTP server's `http.*` keys, read through the one SettingsReader of the start-up.
#include <string>
#include <string_view>

#include "strangeprompt/core/log.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/server.hpp"

namespace sp {
class SettingsReader;
}

namespace sp::cmd {

struct ProcessSettings {
  std::string target = "all";
  std::string data_dir;  // absolute; created only once every setting is valid
  LogLevel log_level = LogLevel::kInfo;
  // log.format: auto (text on a terminal, JSON lines otherwise), json or text.
  LogFormat log_format = LogFormat::kJson;
};

ProcessSettings read_process_settings(SettingsReader& settings);

// Every `http.*` key: listen, io_threads, worker_threads, worker_queue, max_header_bytes,
// max_body_bytes, read_timeout_ms, idle_timeout_ms, queue_timeout_ms, handler_timeout_ms,
// drain_timeout_ms, max_connections, max_connections_per_address, trusted_proxies, access_log.
http::ServerOptions read_server_options(SettingsReader& settings);

// "HOST:PORT", "[v6]:PORT" or ":PORT" (all interfaces); kInvalidArgument naming the bad part.
Result<std::pair<std::string, uint16_t>> parse_listen(std::string_view listen);

}  // namespace sp::cmd
