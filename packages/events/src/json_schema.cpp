#include "strangeprompt/events/json_schema.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cmath>

namespace sp::events {
namespace json = boost::json;
namespace {

constexpr std::array<std::string_view, 11> kKeywords = {
    "$schema",    "$id",   "title", "description", "type",     "required",
    "properties", "items", "enum",  "minimum",     "minLength"};

// Rejects unknown keywords and malformed keyword values anywhere in the schema.
Status check_schema(const json::value& schema, const std::string& where) {
  if (!schema.is_object()) return Error::invalid(where + ": a schema must be an object");
  for (const auto& [name, value] : schema.as_object()) {
    if (std::find(kKeywords.begin(), kKeywords.end(), std::string_view(name)) == kKeywords.end()) {
      return Error::invalid(where + ": unsupported keyword '" + std::string(name) + "'");
    }
    if (name == "properties") {
      if (!value.is_object()) return Error::invalid(where + ": properties must be an object");
      for (const auto& [prop, sub] : value.as_object()) {
        SP_TRY(check_schema(sub, where + "." + std::string(prop)));
      }
    } else if (name == "items") {
      SP_TRY(check_schema(value, where + "[]"));
    } else if ((name == "required" || name == "enum") && !value.is_array()) {
      return Error::invalid(where + ": " + std::string(name) + " must be an array");
    } else if ((name == "minimum" || name == "minLength") && !value.is_number()) {
      return Error::invalid(where + ": " + std::string(name) + " must be a number");
    } else if (name == "type" && !value.is_string() && !value.is_array()) {
      return Error::invalid(where + ": type must be a string or an array");
    }
  }
  return ok_status();
}

bool has_type(const json::value& v, std::string_view type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_bool();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer") {
    return v.is_int64() || v.is_uint64() ||
           (v.is_double() && std::isfinite(v.get_double()) &&
            std::trunc(v.get_double()) == v.get_double());
  }
  return false;
}

bool matches_type(const json::value& v, const json::value& type) {
  if (type.is_string()) return has_type(v, type.get_string());
  for (const json::value& t : type.as_array()) {
    if (t.is_string() && has_type(v, t.get_string())) return true;
  }
  return false;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

void validate(const json::object& schema, const json::value& v, const std::string& path,
              std::vector<std::string>& out) {
  if (const json::value* type = schema.if_contains("type"); type && !matches_type(v, *type)) {
    out.push_back(path + ": expected type " + json::serialize(*type));
    return;  // the other keywords would only repeat the mismatch
  }
  if (const json::value* e = schema.if_contains("enum")) {
    const auto& options = e->as_array();
    if (std::find(options.begin(), options.end(), v) == options.end()) {
      out.push_back(path + ": not one of " + json::serialize(*e));
    }
  }
  if (const json::value* min = schema.if_contains("minimum");
      min && v.is_number() && v.to_number<double>() < min->to_number<double>()) {
    out.push_back(path + ": below minimum " + json::serialize(*min));
  }
  if (const json::value* min = schema.if_contains("minLength");
      min && v.is_string() &&
      static_cast<double>(code_points(v.get_string())) < min->to_number<double>()) {
    out.push_back(path + ": shorter than " + json::serialize(*min));
  }
  if (const json::value* items = schema.if_contains("items"); items && v.is_array()) {
    const auto& arr = v.get_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      validate(items->as_object(), arr[i], path + "[" + std::to_string(i) + "]", out);
    }
  }
  if (!v.is_object()) return;
  const json::object& obj = v.get_object();
  if (const json::value* req = schema.if_contains("required")) {
    for (const json::value& name : req->as_array()) {
      if (name.is_string() && !obj.contains(name.get_string())) {
        out.push_back(path + ": missing required '" + std::string(name.get_string()) + "'");
      }
    }
  }
  if (const json::value* props = schema.if_contains("properties")) {
    for (const auto& [name, sub] : props->as_object()) {
      if (const json::value* member = obj.if_contains(name)) {
        validate(sub.as_object(), *member, path + "." + std::string(name), out);
      }
    }
  }
}

Result<json::value> parse_json(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Error::invalid(std::string(what) + " is not valid JSON");
  return v;
}

}  // namespace

Result<std::vector<std::string>> schema_violations(std::string_view schema_json,
                                                   std::string_view instance_json) {
  SP_ASSIGN_OR_RETURN(json::value schema, parse_json(schema_json, "schema"));
  SP_TRY(check_schema(schema, "schema"));
  SP_ASSIGN_OR_RETURN(json::value instance, parse_json(instance_json, "instance"));
  std::vector<std::string> out;
  validate(schema.as_object(), instance, "$", out);
  return out;
}

}  // namespace sp::events
