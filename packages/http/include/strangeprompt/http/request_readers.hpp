#pragma once
// What every service reads off a request besides its body: the client it audits and ids in the
// path.
#include <cstdint>
#include <string_view>

#include "strangeprompt/core/client_info.hpp"
#include "strangeprompt/core/result.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::http {

// The peer address and the User-Agent, cut to ClientInfo::kMaxUserAgent bytes on a UTF-8
// character boundary.
ClientInfo client_info(const Request& request);

// The path parameter `name` as an id; kNotFound ("not found") when it is not one, since a
// malformed id names no resource.
Result<int64_t> path_id(const Request& request, std::string_view name = "id");

}  // namespace sp::http
