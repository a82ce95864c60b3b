#include "postgres/pg_codec.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "strangeprompt/core/strings.hpp"

namespace sp::db::pg {
namespace {

Value decode_bytea(std::string_view text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) {
    return Value(Bytes(text.begin(), text.end()));  // not hex output: hand over the raw text
  }
  Bytes out;
  out.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < text.size(); i += 2) {
    int hi = sp::hex_digit_value(text[i]);
    int lo = sp::hex_digit_value(text[i + 1]);
    if (hi < 0 || lo < 0) return Value(Bytes(text.begin(), text.end()));
    out.push_back(static_cast<uint8_t>(hi * 16 + lo));
  }
  return Value(std::move(out));
}

double decode_double(std::string_view text) {
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  return Value(text).as_double();
}

Error with_detail(Error e, std::string detail) {
  e.internal = std::move(detail);
  return e;
}

}  // namespace

Value decode_text_cell(unsigned type_oid, std::string_view text) {
  switch (type_oid) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return Value(Value(text).as_int());
    case kBoolOid:
      return Value(int64_t{text == "t" ? 1 : 0});
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return Value(decode_double(text));
    case kByteaOid:
      return decode_bytea(text);
    default:
      return Value(text);
  }
}

std::string encode_int(int64_t v) {
  return std::to_string(v);
}

std::string encode_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

Error error_from_sqlstate(std::string_view sqlstate, std::string_view engine_message,
                          bool connection_lost) {
  // Appended piece by piece: g++ 12 -O2 reports a false -Wrestrict on `" " + std::string(...)`.
  std::string detail = "postgres";
  if (!sqlstate.empty()) {
    detail += ' ';
    detail.append(sqlstate);
  }
  detail += ": ";
  detail.append(engine_message);
  if (connection_lost) return with_detail(Error::unavailable("database connection lost"), detail);
  if (sqlstate == "23505") return with_detail(Error::conflict("already exists"), detail);
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return with_detail(Error::unavailable("transaction conflict, retry"), detail);
  }
  // Class 08 (connection exception), 57P0x (server shutting down), 53300 (too many connections).
  if (sqlstate.substr(0, 2) == "08" || sqlstate.substr(0, 4) == "57P0" || sqlstate == "53300") {
    return with_detail(Error::unavailable("database unavailable"), detail);
  }
  return Error::internal_error(detail);
}

}  // namespace sp::db::pg
