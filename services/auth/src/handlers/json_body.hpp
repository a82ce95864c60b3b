#pragma once
// Auth reads request bodies with the shared reader (its 16 KiB limit is auth's body limit).
#include "strangeprompt/http/json_body.hpp"

namespace sp::auth {

using http::JsonBody;

}  // namespace sp::auth
