#include "handlers/json_body.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "strangeprompt/core/strings.hpp"

namespace sp::auth {
namespace json = boost::json;

namespace {

bool is_json_content_type(std::string_view content_type) {
  const std::string_view media = trim(content_type.substr(0, content_type.find(';')));
  return iequals_ascii(media, "application/json");
}

}  // namespace

Result<JsonBody> JsonBody::parse_optional(const http::Request& request, std::size_t max_bytes) {
  if (request.body.empty()) return JsonBody{};
  return parse(request, max_bytes);
}

Result<JsonBody> JsonBody::parse(const http::Request& request, std::size_t max_bytes) {
  if (request.body.size() > max_bytes) {
    return Error{ErrorCode::kPayloadTooLarge, "request body is too large"};
  }
  if (!is_json_content_type(request.header("content-type"))) {
    return Error{ErrorCode::kUnsupportedMedia, "Content-Type must be application/json"};
  }
  boost::system::error_code ec;
  json::value parsed = json::parse(request.body, ec);
  if (ec) return Error::invalid("request body is not valid JSON");
  const json::object* object = parsed.if_object();
  if (object == nullptr) return Error::invalid("request body must be a JSON object");
  JsonBody body;
  for (const auto& [key, value] : *object) {
    Member m;
    if (value.is_bool()) {
      m.kind = Member::Kind::kBool;
      m.boolean = value.get_bool();
    } else if (value.is_string()) {
      m.kind = Member::Kind::kString;
      m.text = std::string(value.get_string());
    } else if (const json::array* items = value.if_array()) {
      m.kind = Member::Kind::kStringList;
      for (const json::value& item : *items) {
        if (!item.is_string()) {
          m.kind = Member::Kind::kOther;
          break;
        }
        m.list.emplace_back(item.get_string());
      }
    } else if (!value.is_null()) {
      m.kind = Member::Kind::kOther;
    }
    body.members_.insert_or_assign(std::string(key), std::move(m));
  }
  return body;
}

const JsonBody::Member* JsonBody::find(std::string_view name) const {
  auto it = members_.find(name);
  return it == members_.end() || it->second.kind == Member::Kind::kNull ? nullptr : &it->second;
}

void JsonBody::wrong_type(std::string_view name, std::string_view expected) {
  errors_.push_back({std::string(name), "must be " + std::string(expected)});
}

std::string JsonBody::required_string(std::string_view name) {
  const Member* m = find(name);
  if (m == nullptr) {
    errors_.push_back({std::string(name), "is required"});
    return {};
  }
  if (m->kind != Member::Kind::kString) {
    wrong_type(name, "a string");
    return {};
  }
  if (m->text.empty()) errors_.push_back({std::string(name), "must not be empty"});
  return m->text;
}

std::optional<std::string> JsonBody::optional_string(std::string_view name) {
  const Member* m = find(name);
  if (m == nullptr) return std::nullopt;
  if (m->kind != Member::Kind::kString) {
    wrong_type(name, "a string");
    return std::nullopt;
  }
  return m->text;
}

bool JsonBody::optional_bool(std::string_view name, bool fallback) {
  const Member* m = find(name);
  if (m == nullptr) return fallback;
  if (m->kind != Member::Kind::kBool) {
    wrong_type(name, "true or false");
    return fallback;
  }
  return m->boolean;
}

std::vector<std::string> JsonBody::optional_string_list(std::string_view name) {
  const Member* m = find(name);
  if (m == nullptr) return {};
  if (m->kind != Member::Kind::kStringList) {
    wrong_type(name, "a list of strings");
    return {};
  }
  return m->list;
}

Status JsonBody::finish() const {
  if (errors_.empty()) return ok_status();
  Error e = Error::invalid("invalid request body");
  e.fields = errors_;
  return e;
}

}  // namespace sp::auth
