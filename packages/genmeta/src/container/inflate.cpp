#include "container/inflate.hpp"

#include <zlib.h>

namespace sp::genmeta::detail {

std::optional<std::string> inflate(std::string_view compressed, InflateBudget& budget) {
  if (compressed.empty() || budget.left() == 0) return std::nullopt;
  z_stream zs{};
  // 15 + 32: zlib or gzip header, detected from the first bytes.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return std::nullopt;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(compressed.size(), UINT32_MAX));
  std::string out;
  int rc = Z_OK;
  char chunk[16384];
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = ::inflate(&zs, Z_NO_FLUSH);
    size_t produced = sizeof chunk - zs.avail_out;
    if (produced > budget.left()) {
      budget.spend(produced);
      inflateEnd(&zs);
      return std::nullopt;
    }
    budget.spend(produced);
    out.append(chunk, produced);
    // No progress possible: truncated input (Z_BUF_ERROR) or nothing produced and input spent.
    if (rc == Z_OK && produced == 0 && zs.avail_in == 0) rc = Z_BUF_ERROR;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace sp::genmeta::detail
