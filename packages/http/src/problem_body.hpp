#pragma once
// The one builder of RFC 9457 problem+json responses; Response::problem (for an Error) and
// status_problem (for statuses no ErrorCode maps to) both go through it.
#include <string_view>
#include <vector>

#include "strangeprompt/core/error.hpp"
#include "strangeprompt/http/message.hpp"

namespace sp::http {

// {"type","title","status","detail"[,"instance"][,"errors":[{"field","message"}]]} with
// Content-Type application/problem+json. `type` is a URI or "about:blank"; the title is the
// status's reason phrase; an empty `detail` becomes the title.
Response problem_response(int status, std::string_view type, std::string_view detail,
                          std::string_view instance, const std::vector<FieldError>& fields);

}  // namespace sp::http
