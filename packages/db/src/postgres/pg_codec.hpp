#pragma once
// Pure conversions between the port's values and PostgreSQL's text protocol, and the mapping of
// SQLSTATE codes to the port's errors. No libpq here, so all of it is unit-tested without a server.
#include <string>
#include <string_view>

#include "strangeprompt/core/error.hpp"
#include "strangeprompt/db/value.hpp"

namespace sp::db::pg {

// Type OIDs from pg_type.h that change how a result cell is read.
inline constexpr unsigned kBoolOid = 16;
inline constexpr unsigned kByteaOid = 17;
inline constexpr unsigned kInt8Oid = 20;
inline constexpr unsigned kInt2Oid = 21;
inline constexpr unsigned kInt4Oid = 23;
inline constexpr unsigned kOidOid = 26;
inline constexpr unsigned kFloat4Oid = 700;
inline constexpr unsigned kFloat8Oid = 701;
inline constexpr unsigned kNumericOid = 1700;

// A non-NULL result cell in text format: integers and booleans become int64 (true = 1),
// float4/float8/numeric double, bytea Bytes (hex format), everything else text.
Value decode_text_cell(unsigned type_oid, std::string_view text);

// Text form of a numeric parameter (shortest round-trip for doubles, NaN/Infinity spelled out).
std::string encode_int(int64_t v);
std::string encode_double(double v);

// Error for a failed statement. `connection_lost` wins over the SQLSTATE.
Error error_from_sqlstate(std::string_view sqlstate, std::string_view engine_message,
                          bool connection_lost);

}  // namespace sp::db::pg
