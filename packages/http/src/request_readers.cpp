#include "strangeprompt/http/request_readers.hpp"

#include "strangeprompt/core/id.hpp"

namespace sp::http {

ClientInfo client_info(const Request& request) {
  std::string_view agent = request.header("user-agent");
  if (agent.size() > ClientInfo::kMaxUserAgent) {
    std::size_t cut = ClientInfo::kMaxUserAgent;
    // The first byte left out is a continuation byte: drop the whole straddling character.
    while (cut > 0 && (static_cast<unsigned char>(agent[cut]) & 0xC0) == 0x80) --cut;
    agent = agent.substr(0, cut);
  }
  return {.address = request.remote_address, .user_agent = std::string(agent)};
}

Result<int64_t> path_id(const Request& request, std::string_view name) {
  auto id = parse_id(request.param(name));
  if (!id) return Error::not_found("not found");
  return *id;
}

}  // namespace sp::http
