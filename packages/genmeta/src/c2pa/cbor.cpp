#include "c2pa/cbor.hpp"

#include <cmath>
#include <cstring>

namespace sp::genmeta::detail {
namespace {

constexpr int kMaxDepth = 32;
constexpr size_t kMaxItems = 100000;

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}

  bool item(Cbor& out, int depth) {
    if (depth > kMaxDepth || ++items_ > kMaxItems || at_ >= in_.size()) return false;
    auto initial = static_cast<uint8_t>(in_[at_++]);
    uint8_t major = initial >> 5;
    uint8_t info = initial & 0x1F;
    if (major == 7) return simple(info, out);
    bool indefinite = info == 31;
    uint64_t arg = 0;
    if (!indefinite && !argument(info, arg)) return false;
    if (indefinite && (major == 0 || major == 1 || major == 6)) return false;
    switch (major) {
      case 0:
        out.kind = Cbor::Kind::kUnsigned;
        out.number = arg;
        return true;
      case 1:
        out.kind = Cbor::Kind::kNegative;
        out.number = arg;
        return true;
      case 2:
      case 3:
        out.kind = major == 2 ? Cbor::Kind::kBytes : Cbor::Kind::kText;
        return indefinite ? chunks(major, out.string) : bytes(arg, out.string);
      case 4: {
        out.kind = Cbor::Kind::kArray;
        for (uint64_t i = 0; indefinite || i < arg; ++i) {
          if (indefinite && at_end_break()) return true;
          if (!indefinite && arg > in_.size() - at_) return false;  // each item >= 1 byte
          out.items.emplace_back();
          if (!item(out.items.back(), depth + 1)) return false;
        }
        return true;
      }
      case 5: {
        out.kind = Cbor::Kind::kMap;
        for (uint64_t i = 0; indefinite || i < arg; ++i) {
          if (indefinite && at_end_break()) return true;
          if (!indefinite && arg > (in_.size() - at_) / 2) return false;
          out.entries.emplace_back();
          if (!item(out.entries.back().first, depth + 1)) return false;
          if (!item(out.entries.back().second, depth + 1)) return false;
        }
        return true;
      }
      case 6:
        return item(out, depth + 1);  // a tag: keep its content
      default:
        return false;
    }
  }

  bool finished() const { return at_ == in_.size(); }

 private:
  bool argument(uint8_t info, uint64_t& out) {
    if (info < 24) {
      out = info;
      return true;
    }
    size_t n = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
    if (n == 0 || in_.size() - at_ < n) return false;
    out = 0;
    for (size_t i = 0; i < n; ++i) out = (out << 8) | static_cast<unsigned char>(in_[at_ + i]);
    at_ += n;
    return true;
  }

  bool bytes(uint64_t n, std::string& out) {
    if (n > in_.size() - at_) return false;
    out.append(in_.substr(at_, n));
    at_ += n;
    return true;
  }

  bool chunks(uint8_t major, std::string& out) {
    while (true) {
      if (at_end_break()) return true;
      if (at_ >= in_.size() || ++items_ > kMaxItems) return false;
      auto initial = static_cast<uint8_t>(in_[at_++]);
      uint64_t n = 0;
      if ((initial >> 5) != major || !argument(initial & 0x1F, n) || !bytes(n, out)) return false;
    }
  }

  bool at_end_break() {
    if (at_ < in_.size() && static_cast<uint8_t>(in_[at_]) == 0xFF) {
      ++at_;
      return true;
    }
    return false;
  }

  bool simple(uint8_t info, Cbor& out) {
    if (info == 20 || info == 21) {
      out.kind = Cbor::Kind::kBool;
      out.boolean = info == 21;
      return true;
    }
    if (info == 22 || info == 23) {
      out.kind = Cbor::Kind::kNull;
      return true;
    }
    uint64_t bits = 0;
    if (info < 25 || info > 27 || !argument(info, bits)) return false;
    out.kind = Cbor::Kind::kFloat;
    if (info == 25) {
      int exponent = static_cast<int>((bits >> 10) & 0x1F);
      double mantissa = static_cast<double>(bits & 0x3FF);
      double v = exponent == 0    ? std::ldexp(mantissa, -24)
                 : exponent == 31 ? (mantissa == 0 ? INFINITY : NAN)
                                  : std::ldexp(mantissa + 1024, exponent - 25);
      out.real = (bits & 0x8000) ? -v : v;
    } else if (info == 26) {
      float f;
      auto b = static_cast<uint32_t>(bits);
      std::memcpy(&f, &b, sizeof f);
      out.real = f;
    } else {
      std::memcpy(&out.real, &bits, sizeof out.real);
    }
    return true;
  }

  std::string_view in_;
  size_t at_ = 0;
  size_t items_ = 0;
};

}  // namespace

const Cbor* Cbor::get(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& [k, v] : entries)
    if (k.kind == Kind::kText && k.string == key) return &v;
  return nullptr;
}

std::optional<Cbor> decode_cbor(std::string_view bytes) {
  Decoder d(bytes);
  Cbor out;
  if (!d.item(out, 0)) return std::nullopt;
  return out;
}

}  // namespace sp::genmeta::detail
