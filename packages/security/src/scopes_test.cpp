#include "strangeprompt/security/scopes.hpp"

#include <gtest/gtest.h>

namespace sp::security {
namespace {

using Scopes = std::vector<std::string>;

TEST(Scopes, ParseSplitsOnSpaces) {
  EXPECT_EQ(parse_scopes(""), Scopes{});
  EXPECT_EQ(parse_scopes("admin"), Scopes{"admin"});
  EXPECT_EQ(parse_scopes("gallery:write media:write"), (Scopes{"gallery:write", "media:write"}));
  EXPECT_EQ(parse_scopes("  gallery:write   media:write "),
            (Scopes{"gallery:write", "media:write"}));
}

TEST(Scopes, JoinIsTheInverseOfParse) {
  EXPECT_EQ(join_scopes({"gallery:write", "admin"}), "gallery:write admin");
  EXPECT_EQ(join_scopes({}), "");
}

TEST(Scopes, ValidatesRfc6749Syntax) {
  struct Case {
    const char* scope;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"admin", true},
      {"gallery:write profile:write", true},
      {" admin", false},
      {"admin ", false},
      {"gallery:write  admin", false},
      {"say\"hi\"", false},
      {"back\\slash", false},
      {"tab\tseparated", false},
      {"caf\xc3\xa9", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_valid_scope_string(c.scope), c.valid) << c.scope;
}

TEST(Scopes, HasAllScopesNeedsEveryRequiredScope) {
  const Scopes granted = {"gallery:write", "media:write"};
  EXPECT_TRUE(has_all_scopes(granted, {}));
  EXPECT_TRUE(has_all_scopes(granted, {scopes::kGalleryWrite}));
  EXPECT_TRUE(has_all_scopes(granted, {scopes::kGalleryWrite, scopes::kMediaWrite}));
  EXPECT_FALSE(has_all_scopes(granted, {scopes::kGalleryWrite, scopes::kProfileWrite}));
  EXPECT_FALSE(has_all_scopes(granted, Scopes{"gallery:writ"}));
}

TEST(Scopes, AdminImpliesNothingElse) {
  EXPECT_FALSE(has_all_scopes({"admin"}, {scopes::kGalleryWrite}));
}

TEST(Scopes, KnownScopesAreTheDefinedOnes) {
  EXPECT_EQ(known_scopes().size(), 5u);
  EXPECT_TRUE(is_known_scope("notifications:read"));
  EXPECT_FALSE(is_known_scope("notifications:write"));
}

}  // namespace
}  // namespace sp::security
