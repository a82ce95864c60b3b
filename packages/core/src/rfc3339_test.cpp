// Specification of the RFC 3339 parser (table-driven).
#include "strangeprompt/core/rfc3339.hpp"

#include <gtest/gtest.h>

namespace sp {
namespace {

struct Case {
  const char* text;
  std::optional<int64_t> unix_ms;
};
void PrintTo(const Case& c, std::ostream* os) {
  *os << '"' << c.text << '"';
}

class Rfc3339 : public ::testing::TestWithParam<Case> {};

TEST_P(Rfc3339, ParsesValidAndRejectsInvalid) {
  EXPECT_EQ(parse_rfc3339_ms(GetParam().text), GetParam().unix_ms) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Rfc3339,
    ::testing::Values(
        Case{"1970-01-01T00:00:00Z", 0}, Case{"2026-01-31T12:00:00Z", 1'769'860'800'000},
        Case{"2026-01-31t12:00:00z", 1'769'860'800'000},
        Case{"2026-01-31T12:00:00.250Z", 1'769'860'800'250},
        Case{"2026-01-31T14:00:00+02:00", 1'769'860'800'000},
        Case{"2026-01-31T11:30:00-00:30", 1'769'860'800'000},
        Case{"2024-02-29T00:00:00Z", 1'709'164'800'000}, Case{"2023-02-29T00:00:00Z", std::nullopt},
        Case{"2026-13-01T00:00:00Z", std::nullopt}, Case{"2026-01-31T24:00:00Z", std::nullopt},
        Case{"2026-01-31T12:00:00", std::nullopt}, Case{"2026-01-31 12:00:00Z", std::nullopt},
        Case{"2026-01-31T12:00:00.Z", std::nullopt}, Case{"2026-01-31T12:00:00Zjunk", std::nullopt},
        Case{"2025-06-15T15:06:40.1239Z", 1'750'000'000'123},
        Case{"2025-06-15T15:06:40.1Z", 1'750'000'000'100},
        Case{"2025-06-15T14:06:40-01:00", 1'750'000'000'000}, Case{"2025-06-15", std::nullopt},
        Case{"2025-06-15T15:06:40+0200", std::nullopt}, Case{"tomorrow", std::nullopt},
        Case{"", std::nullopt}));

}  // namespace
}  // namespace sp
