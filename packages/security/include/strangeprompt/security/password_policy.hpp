#pragma once
// What makes a new password acceptable (NIST SP 800-63B §5.1.1.2): a length range counted in
// Unicode code points, no composition rules, no truncation, and a deny-list of common passwords
// and of the account's own identifiers.
#include <cstddef>
#include <string>
#include <string_view>

#include "strangeprompt/core/result.hpp"

namespace sp::security {

// The account the password is for; either field may be empty.
struct PasswordContext {
  std::string email;
  std::string handle;
};

enum class PasswordVerdict {
  kAcceptable,
  kInvalidUtf8,
  kTooShort,
  kTooLong,
  kCommon,           // in the embedded list of common and breached passwords
  kMatchesIdentity,  // equals the handle, the email or its local part (ignoring ASCII case)
};

struct PasswordPolicy {
  std::size_t min_code_points = 10;
  std::size_t max_code_points = 128;

  // The first rule the password breaks, in the order of PasswordVerdict.
  PasswordVerdict evaluate(std::string_view password, const PasswordContext& context) const;
  // kInvalidArgument with one FieldError on "password" saying what to change; ok otherwise.
  Status check(std::string_view password, const PasswordContext& context) const;
};

// True if `password`, lowercased (ASCII), is in the embedded common-password list.
bool is_common_password(std::string_view password);
// Number of entries in that list.
std::size_t common_password_count();

}  // namespace sp::security
