#pragma once
// Who is on the other end of a request: the shared ClientInfo (address, truncated user agent).
#include "strangeprompt/core/client_info.hpp"

namespace sp::auth {

using ::sp::ClientInfo;

}  // namespace sp::auth
