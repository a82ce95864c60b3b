#include "postgres/pg_codec.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace sp::db::pg {
namespace {

struct CellCase {
  unsigned oid;
  const char* text;
  Value expected;
};

TEST(PgCodec, DecodesCellsByTypeOid) {
  const CellCase cases[] = {
      {kInt2Oid, "-7", Value(int64_t{-7})},
      {kInt4Oid, "2147483647", Value(int64_t{2147483647})},
      {kInt8Oid, "-9223372036854775808", Value(std::numeric_limits<int64_t>::min())},
      {kBoolOid, "t", Value(int64_t{1})},
      {kBoolOid, "f", Value(int64_t{0})},
      {kFloat4Oid, "1.5", Value(1.5)},
      {kFloat8Oid, "-2.25e-10", Value(-2.25e-10)},
      {kNumericOid, "12.50", Value(12.5)},
      {kFloat8Oid, "Infinity", Value(std::numeric_limits<double>::infinity())},
      {kByteaOid, "\\x00ff41", Value(Bytes{0x00, 0xff, 0x41})},
      {kByteaOid, "\\x", Value(Bytes{})},
      {25 /* text */, "héllo", Value("héllo")},
      {1184 /* timestamptz */, "2024-01-01 00:00:00+00", Value("2024-01-01 00:00:00+00")},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(decode_text_cell(c.oid, c.text).storage(), c.expected.storage())
        << "oid " << c.oid << " text " << c.text;
  }
}

TEST(PgCodec, DecodesNaN) {
  EXPECT_TRUE(std::isnan(decode_text_cell(kFloat8Oid, "NaN").as_double()));
}

TEST(PgCodec, EncodesDoublesRoundTrip) {
  EXPECT_EQ(encode_double(0.1), "0.1");
  EXPECT_EQ(encode_double(-1e300), "-1e+300");
  EXPECT_EQ(encode_double(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(encode_double(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(encode_int(std::numeric_limits<int64_t>::min()), "-9223372036854775808");
}

struct ErrorCase {
  const char* sqlstate;
  bool connection_lost;
  ErrorCode expected;
};

TEST(PgCodec, MapsSqlstateToErrorCode) {
  const ErrorCase cases[] = {
      {"23505", false, ErrorCode::kConflict},    {"40001", false, ErrorCode::kUnavailable},
      {"40P01", false, ErrorCode::kUnavailable}, {"08006", false, ErrorCode::kUnavailable},
      {"57P01", false, ErrorCode::kUnavailable}, {"53300", false, ErrorCode::kUnavailable},
      {"23503", false, ErrorCode::kInternal},    {"42P01", false, ErrorCode::kInternal},
      {"", true, ErrorCode::kUnavailable},       {"42601", true, ErrorCode::kUnavailable},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(error_from_sqlstate(c.sqlstate, "boom", c.connection_lost).code, c.expected)
        << c.sqlstate;
  }
}

TEST(PgCodec, EngineMessageStaysInternal) {
  Error e = error_from_sqlstate("23505", "duplicate key value violates \"users_pkey\"", false);
  EXPECT_EQ(e.message, "already exists");
  EXPECT_NE(e.internal.find("users_pkey"), std::string::npos);
  Error other = error_from_sqlstate("42P01", "relation \"secret\" does not exist", false);
  EXPECT_EQ(other.message.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace sp::db::pg
