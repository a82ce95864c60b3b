// The pure input rules: profile links, time-zone names, hidden tags.
#include "logic/profile_rules.hpp"

#include <gtest/gtest.h>

namespace sp::profile {
namespace {

TEST(ProfileRules, LinksMustBeAbsoluteHttpUrlsWithAHost) {
  struct Case {
    const char* url;
    bool ok;
  } cases[] = {
      {"https://example.com", true},
      {"http://example.com/a?b=c#d", true},
      {"HTTPS://Example.com:8443/x", true},
      {"https://user@example.com/", true},
      {"ftp://example.com", false},
      {"javascript:alert(1)", false},
      {"https://", false},
      {"https:///path", false},
      {"//example.com", false},
      {"https://exa mple.com", false},
      {"https://example.com/\n", false},
      {"example.com", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_profile_link(c.url), c.ok) << c.url;
  EXPECT_FALSE(is_profile_link("https://example.com/" + std::string(kMaxLinkChars, 'a')));
}

TEST(ProfileRules, TimeZonesAreIanaNamesAndNeverPaths) {
  for (const char* zone : {"UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"}) {
    EXPECT_TRUE(is_time_zone(zone)) << zone;
  }
  for (const char* bad : {"", "Mars/Base", "../../etc/passwd", "/etc/passwd", "Europe/../UTC",
                          "Europe", "zone.tab", "posixrules", "Europe/Paris ", "Europe\\Paris"}) {
    EXPECT_FALSE(is_time_zone(bad)) << bad;
  }
}

TEST(ProfileRules, HiddenTagsAreTrimmedAndLowerCase) {
  EXPECT_EQ(normalise_tag("  Gore "), "gore");
  EXPECT_EQ(normalise_tag("   "), "");
}

TEST(ProfileRules, SevenNotificationCategories) {
  EXPECT_EQ(notification_categories(),
            (std::vector<std::string>{"follows", "likes", "comments", "mentions", "remixes",
                                      "digest", "product"}));
}

}  // namespace
}  // namespace sp::profile
