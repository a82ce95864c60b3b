// JsonBody: parsing a request body, nested objects and arrays of objects, and finish().
#include "strangeprompt/http/json_body.hpp"

#include <boost/json/parse.hpp>

#include "duplicate_keys.hpp"
#include "json_body_state.hpp"
#include "strangeprompt/core/strings.hpp"

namespace sp::http {
namespace {

using detail::Field;
using detail::FieldsAccess;

bool is_json_content_type(std::string_view content_type) {
  const std::string_view media = trim(content_type.substr(0, content_type.find(';')));
  return iequals_ascii(media, "application/json");
}

}  // namespace

JsonFields JsonFields::required_object(std::string_view name) {
  const Field f = FieldsAccess::lookup(*this, name);
  const json::object* object = nullptr;
  if (!f.missing(true) && !f.inert) {
    object = f.value->if_object();
    if (object == nullptr) f.fail("must be an object");
  }
  return FieldsAccess::child(*this, object, f.inert ? std::string() : f.path());
}

std::optional<JsonFields> JsonFields::optional_object(std::string_view name) {
  const Field f = FieldsAccess::lookup(*this, name);
  if (f.missing(false) || f.inert) return std::nullopt;
  const json::object* object = f.value->if_object();
  if (object == nullptr) {
    f.fail("must be an object");
    return std::nullopt;
  }
  return FieldsAccess::child(*this, object, f.path());
}

std::vector<JsonFields> JsonFields::object_list(std::string_view name, ListRule rule) {
  const Field f = FieldsAccess::lookup(*this, name);
  std::vector<JsonFields> out;
  if (f.missing(false) || f.inert) return out;
  const json::array* items = f.value->if_array();
  if (items == nullptr) {
    f.fail("must be a list of objects");
    return out;
  }
  if (rule.max_items > 0 && items->size() > rule.max_items) {
    f.fail("must have at most " + std::to_string(rule.max_items) + " items");
    return out;
  }
  const std::string path = f.path();
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string item_path = path + "." + std::to_string(i);
    const json::object* object = (*items)[i].if_object();
    if (object == nullptr) {
      f.state->errors.push_back({item_path, "must be an object"});
      continue;
    }
    out.push_back(FieldsAccess::child(*this, object, item_path));
  }
  return out;
}

Result<JsonBody> JsonBody::from_text(std::string_view text) {
  auto state = std::make_shared<detail::BodyState>();
  boost::system::error_code ec;
  state->doc = json::parse(text, ec);
  if (ec) return Error::invalid("request body is not valid JSON");
  const json::object* object = state->doc.if_object();
  if (object == nullptr) return Error::invalid("request body must be a JSON object");
  if (auto repeated = first_duplicate_key(text)) {
    return Error::invalid("request body gives the member \"" + *repeated + "\" more than once");
  }
  state->scopes.push_back(
      {.object = object, .path = {}, .known = std::vector<bool>(object->size())});
  JsonBody body;
  FieldsAccess::init(body, std::move(state));
  return body;
}

Result<JsonBody> JsonBody::parse(const Request& request, std::size_t max_bytes) {
  if (request.body.size() > max_bytes) {
    return Error{ErrorCode::kPayloadTooLarge, "request body is too large"};
  }
  if (!is_json_content_type(request.header("content-type"))) {
    return Error{ErrorCode::kUnsupportedMedia, "Content-Type must be application/json"};
  }
  return from_text(request.body);
}

Result<JsonBody> JsonBody::parse_optional(const Request& request, std::size_t max_bytes) {
  if (request.body.empty()) return from_text("{}");
  return parse(request, max_bytes);
}

Status JsonBody::finish() const {
  const detail::BodyState& state = FieldsAccess::state(*this);
  std::vector<FieldError> errors = state.errors;
  for (const detail::Scope& scope : state.scopes) {
    if (scope.object == nullptr) continue;
    std::size_t i = 0;
    for (const auto& member : *scope.object) {
      if (!scope.known[i++]) {
        const std::string key(member.key());
        errors.push_back(
            {scope.path.empty() ? key : scope.path + "." + key, "is not a known field"});
      }
    }
  }
  if (errors.empty()) return ok_status();
  Error e = Error::invalid("invalid request body");
  e.fields = std::move(errors);
  return e;
}

}  // namespace sp::http
