#include "logic/identity_rules.hpp"

#include <algorithm>

#include "strangeprompt/core/strings.hpp"

namespace sp::auth {
namespace {

Error field_error(std::string field, std::string message) {
  Error e = Error::invalid("invalid " + field);
  e.fields.push_back({std::move(field), std::move(message)});
  return e;
}

bool is_handle_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Bytes that never belong in an address: ASCII controls, space, DEL.
bool is_forbidden_in_email(char c) {
  auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7f;
}

}  // namespace

Result<std::string> normalise_email(std::string_view email) {
  std::string e = to_lower_ascii(trim(email));
  if (e.empty()) return field_error("email", "is required");
  if (e.size() > kMaxEmailBytes) return field_error("email", "is too long");
  if (std::any_of(e.begin(), e.end(), is_forbidden_in_email)) {
    return field_error("email", "must not contain spaces or control characters");
  }
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) {
    return field_error("email", "must look like name@example.com");
  }
  const std::string_view domain = std::string_view(e).substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size() ||
      domain.find("..") != std::string_view::npos) {
    return field_error("email", "must look like name@example.com");
  }
  return e;
}

Result<std::string> normalise_handle(std::string_view handle) {
  std::string h = to_lower_ascii(trim(handle));
  if (h.size() < kMinHandle || h.size() > kMaxHandle) {
    return field_error("handle", "must be 3 to 30 characters");
  }
  if (!std::all_of(h.begin(), h.end(), is_handle_char)) {
    return field_error("handle", "may contain only a-z, 0-9 and _");
  }
  return h;
}

std::string normalise_login(std::string_view login) {
  return to_lower_ascii(trim(login));
}

}  // namespace sp::auth
