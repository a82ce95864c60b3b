#include "encoding.hpp"

#include <optional>

#include "strangeprompt/core/strings.hpp"

namespace sp::gateway {
namespace {

// The q-value of one "coding;q=x" element (1 when absent, 0 when unparsable).
double q_of(std::string_view params) {
  for (const std::string& raw : split(params, ';')) {
    std::string_view p = trim(raw);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string_view v = p.substr(2);
      if (v.empty() || v.size() > 5) return 0;
      double q = 0;
      double scale = 1;
      bool fraction = false;
      for (char c : v) {
        if (c == '.') {
          if (fraction) return 0;
          fraction = true;
        } else if (c >= '0' && c <= '9') {
          if (fraction) {
            scale /= 10;
            q += (c - '0') * scale;
          } else {
            q = q * 10 + (c - '0');
          }
        } else {
          return 0;
        }
      }
      return q > 1 ? 0 : q;
    }
  }
  return 1;
}

struct Weights {
  std::optional<double> br, gzip, star;
};

Weights parse(std::string_view header) {
  Weights w;
  for (const std::string& raw : split(header, ',')) {
    std::string_view element = trim(raw);
    auto semi = element.find(';');
    std::string_view name = trim(element.substr(0, semi));
    double q = semi == std::string_view::npos ? 1 : q_of(element.substr(semi + 1));
    if (iequals_ascii(name, "br"))
      w.br = q;
    else if (iequals_ascii(name, "gzip") || iequals_ascii(name, "x-gzip"))
      w.gzip = q;
    else if (name == "*")
      w.star = q;
  }
  return w;
}

}  // namespace

Coding choose_coding(std::string_view accept_encoding, bool has_brotli, bool has_gzip) {
  if (trim(accept_encoding).empty()) return Coding::kIdentity;
  Weights w = parse(accept_encoding);
  double br = w.br.value_or(w.star.value_or(0));
  double gz = w.gzip.value_or(w.star.value_or(0));
  if (has_brotli && br > 0 && br >= gz) return Coding::kBrotli;
  if (has_gzip && gz > 0) return Coding::kGzip;
  if (has_brotli && br > 0) return Coding::kBrotli;
  return Coding::kIdentity;
}

std::string_view coding_name(Coding c) {
  switch (c) {
    case Coding::kBrotli:
      return "br";
    case Coding::kGzip:
      return "gzip";
    case Coding::kIdentity:
      break;
  }
  return "";
}

}  // namespace sp::gateway
