#pragma once
// Builds one JSON object as text (responses are small and flat; no DOM needed).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp::auth {

class JsonObject {
 public:
  JsonObject& string(std::string_view name, std::string_view value);
  JsonObject& boolean(std::string_view name, bool value);
  JsonObject& integer(std::string_view name, int64_t value);
  JsonObject& strings(std::string_view name, const std::vector<std::string>& values);
  // An RFC 3339 UTC time, or null.
  JsonObject& time(std::string_view name, std::optional<int64_t> unix_ms);
  // `json` must already be valid JSON text.
  JsonObject& raw(std::string_view name, std::string_view json);
  std::string str() const { return text_ + "}"; }

 private:
  void key(std::string_view name);
  std::string text_ = "{";
};

// {"items":[...],"next":null}: the list shape of every endpoint (these lists are never paged).
std::string item_list(const std::vector<std::string>& items);

}  // namespace sp::auth
