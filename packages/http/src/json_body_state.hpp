#pragma once
// The state every JsonFields reader of one body shares (private to the http package): the parsed
// document, one Scope per object read, and the field errors found so far.
#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <vector>

#include "strangeprompt/core/error.hpp"
#include "strangeprompt/http/json_body.hpp"

namespace sp::http {
namespace json = boost::json;

namespace detail {

struct Scope {
  const json::object* object = nullptr;  // null: an inert reader (absent or invalid object)
  std::string path;                      // "" for the body itself
  std::vector<bool> known;               // per member, in document order
};

struct BodyState {
  json::value doc;
  std::vector<Scope> scopes;
  std::vector<FieldError> errors;
};

// One member lookup: the value (null when absent or JSON null) and where to report problems.
struct Field {
  BodyState* state = nullptr;
  std::size_t scope = 0;
  std::string_view name;
  const json::value* value = nullptr;
  JsonFields::Presence presence = JsonFields::Presence::kAbsent;
  bool inert = false;

  std::string path() const {
    const std::string& prefix = state->scopes[scope].path;
    return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
  }
  void fail(std::string message) const { state->errors.push_back({path(), std::move(message)}); }
  // True (after recording "is required") when a required member is missing.
  bool missing(bool required) const {
    if (value != nullptr || inert) return false;
    if (required) fail("is required");
    return true;
  }
};

struct FieldsAccess {
  static Field lookup(JsonFields& fields, std::string_view name) {
    Field f{.state = fields.state_.get(), .scope = fields.scope_, .name = name};
    Scope& scope = f.state->scopes[f.scope];
    if (scope.object == nullptr) {
      f.inert = true;
      return f;
    }
    auto it = scope.object->find(name);
    if (it == scope.object->end()) return f;
    scope.known[static_cast<std::size_t>(it - scope.object->begin())] = true;
    if (it->value().is_null()) {
      f.presence = JsonFields::Presence::kNull;
      return f;
    }
    f.presence = JsonFields::Presence::kPresent;
    f.value = &it->value();
    return f;
  }
  // A reader of `object` (null: inert) at `path`.
  static JsonFields child(const JsonFields& parent, const json::object* object, std::string path) {
    BodyState& state = *parent.state_;
    state.scopes.push_back({.object = object,
                            .path = std::move(path),
                            .known = std::vector<bool>(object ? object->size() : 0)});
    JsonFields child(parent);
    child.scope_ = state.scopes.size() - 1;
    return child;
  }
  static void init(JsonFields& fields, std::shared_ptr<BodyState> state) {
    fields.state_ = std::move(state);
    fields.scope_ = 0;
  }
  static const BodyState& state(const JsonFields& fields) { return *fields.state_; }
};

}  // namespace detail

}  // namespace sp::http
