#pragma once
// A validator for the JSON Schema subset used by schemas/events: type (string or list), required,
// properties, items, enum, minimum, minLength, plus the annotations $schema/$id/title/description.
// Any other keyword makes the schema invalid, so an unsupported constraint can never pass silently.
#include <string>
#include <string_view>
#include <vector>

#include "strangeprompt/core/result.hpp"

namespace sp::events {

// The violations of `instance` against `schema`, as "<json path>: <reason>" lines (empty = valid).
// kInvalidArgument when either text is not JSON or the schema uses an unsupported keyword.
Result<std::vector<std::string>> schema_violations(std::string_view schema_json,
                                                   std::string_view instance_json);

}  // namespace sp::events
