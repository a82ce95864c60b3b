#pragma once
// The embedded deny-list (data/common-passwords.txt): one lowercase password per line.
#include <string_view>

namespace sp::security::detail {

// The whole file, generated into the build tree by EmbedText.cmake.
std::string_view common_passwords_text();

}  // namespace sp::security::detail
