#include "strangeprompt/security/password_policy.hpp"

#include <string>
#include <unordered_set>

#include "common_passwords.hpp"
#include "strangeprompt/core/strings.hpp"
#include "utf8.hpp"

namespace sp::security {
namespace {

// Built once over views into the embedded text: no copies of the entries.
const std::unordered_set<std::string_view>& common_passwords() {
  static const std::unordered_set<std::string_view> entries = [] {
    std::unordered_set<std::string_view> set;
    std::string_view text = detail::common_passwords_text();
    while (!text.empty()) {
      const auto eol = text.find('\n');
      const auto line = text.substr(0, eol);
      if (!line.empty()) set.insert(line);
      if (eol == std::string_view::npos) break;
      text.remove_prefix(eol + 1);
    }
    return set;
  }();
  return entries;
}

std::string_view local_part(std::string_view email) {
  const auto at = email.rfind('@');
  return at == std::string_view::npos ? email : email.substr(0, at);
}

bool matches_identity(std::string_view password, const PasswordContext& context) {
  auto same = [&](std::string_view identifier) {
    return !identifier.empty() && iequals_ascii(password, identifier);
  };
  return same(context.handle) || same(context.email) || same(local_part(context.email));
}

std::string explain(PasswordVerdict verdict, const PasswordPolicy& policy) {
  switch (verdict) {
    case PasswordVerdict::kInvalidUtf8:
      return "must be valid UTF-8 text";
    case PasswordVerdict::kTooShort:
      return "must be at least " + std::to_string(policy.min_code_points) + " characters long";
    case PasswordVerdict::kTooLong:
      return "must be at most " + std::to_string(policy.max_code_points) + " characters long";
    case PasswordVerdict::kCommon:
      return "is too common; choose a less guessable password";
    case PasswordVerdict::kMatchesIdentity:
      return "must not be your handle or email address";
    case PasswordVerdict::kAcceptable:
      break;
  }
  return "";
}

}  // namespace

PasswordVerdict PasswordPolicy::evaluate(std::string_view password,
                                         const PasswordContext& context) const {
  const auto code_points = detail::utf8_code_points(password);
  if (!code_points) return PasswordVerdict::kInvalidUtf8;
  if (*code_points < min_code_points) return PasswordVerdict::kTooShort;
  if (*code_points > max_code_points) return PasswordVerdict::kTooLong;
  if (is_common_password(password)) return PasswordVerdict::kCommon;
  if (matches_identity(password, context)) return PasswordVerdict::kMatchesIdentity;
  return PasswordVerdict::kAcceptable;
}

Status PasswordPolicy::check(std::string_view password, const PasswordContext& context) const {
  const PasswordVerdict verdict = evaluate(password, context);
  if (verdict == PasswordVerdict::kAcceptable) return ok_status();
  Error error = Error::invalid("the password does not meet the password policy");
  error.fields.push_back({"password", explain(verdict, *this)});
  return error;
}

bool is_common_password(std::string_view password) {
  return common_passwords().contains(to_lower_ascii(password));
}

std::size_t common_password_count() {
  return common_passwords().size();
}

}  // namespace sp::security
