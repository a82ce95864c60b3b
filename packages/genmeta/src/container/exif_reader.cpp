// TIFF/EXIF: IFD0 (ImageDescription, Make, Software, XPComment) and the EXIF IFD (UserComment),
// either byte order. Only the two IFDs are visited, each entry's data is bounds-checked.
#include "container/bytes.hpp"
#include "container/carriers.hpp"
#include "container/text_encoding.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr uint16_t kImageDescription = 0x010E;
constexpr uint16_t kMake = 0x010F;
constexpr uint16_t kSoftware = 0x0131;
constexpr uint16_t kExifIfd = 0x8769;
constexpr uint16_t kUserComment = 0x9286;
constexpr uint16_t kXpComment = 0x9C9C;
constexpr size_t kMaxEntries = 512;

struct Tiff {
  std::string_view bytes;
  bool big_endian;
  std::optional<uint16_t> u16(size_t at) const {
    return big_endian ? be16(bytes, at) : le16(bytes, at);
  }
  std::optional<uint32_t> u32(size_t at) const {
    return big_endian ? be32(bytes, at) : le32(bytes, at);
  }
};

size_t type_size(uint16_t type) {
  switch (type) {
    case 1:
    case 2:
    case 6:
    case 7:
      return 1;
    case 3:
    case 8:
      return 2;
    case 4:
    case 9:
    case 11:
      return 4;
    case 5:
    case 10:
    case 12:
      return 8;
    default:
      return 0;
  }
}

std::string trim_nuls(std::string_view s) {
  while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.remove_suffix(1);
  return to_utf8_or_latin1(s);
}

// Reads one IFD's entries; returns the EXIF sub-IFD offset when there is one.
std::optional<uint32_t> read_ifd(const Tiff& t, uint32_t offset, Carriers& out) {
  auto count = t.u16(offset);
  if (!count) return std::nullopt;
  std::optional<uint32_t> exif_ifd;
  for (size_t i = 0; i < *count && i < kMaxEntries; ++i) {
    size_t entry = offset + 2 + i * 12;
    auto tag = t.u16(entry);
    auto type = t.u16(entry + 2);
    auto n = t.u32(entry + 4);
    if (!tag || !type || !n) break;
    size_t unit = type_size(*type);
    if (unit == 0) continue;
    uint64_t total = static_cast<uint64_t>(*n) * unit;
    if (total > t.bytes.size()) continue;
    std::optional<std::string_view> data;
    if (total <= 4) {
      data = slice(t.bytes, entry + 8, total);
    } else if (auto at = t.u32(entry + 8)) {
      data = slice(t.bytes, *at, total);
    }
    if (!data) continue;
    switch (*tag) {
      case kExifIfd:
        exif_ifd = t.u32(entry + 8);
        break;
      case kUserComment:
        out.texts.push_back(
            {std::string(kExifUserComment), decode_user_comment(*data, t.big_endian)});
        break;
      case kImageDescription:
        out.texts.push_back({std::string(kExifImageDescription), trim_nuls(*data)});
        break;
      case kMake:
        out.texts.push_back({std::string(kExifMake), trim_nuls(*data)});
        break;
      case kSoftware:
        out.texts.push_back({std::string(kExifSoftware), trim_nuls(*data)});
        break;
      case kXpComment:
        out.texts.push_back({std::string(kExifUserComment), utf16_to_utf8(*data, false)});
        break;
      default:
        break;
    }
  }
  return exif_ifd;
}

}  // namespace

std::string decode_user_comment(std::string_view value, bool tiff_big_endian) {
  constexpr std::string_view kUnicode{"UNICODE\0", 8};
  constexpr std::string_view kAscii{"ASCII\0\0\0", 8};
  constexpr std::string_view kUndefined{"\0\0\0\0\0\0\0\0", 8};
  if (value.starts_with(kUnicode)) {
    std::string_view text = value.substr(8);
    // The byte order should follow the TIFF header, but writers disagree: A1111 (piexif) always
    // writes big-endian; the zero bytes of the ASCII-range text tell which it is.
    bool big = text.starts_with("\xfe\xff")   ? true
               : text.starts_with("\xff\xfe") ? false
               : text.size() >= 2             ? looks_big_endian_utf16(text)
                                              : tiff_big_endian;
    if (text.starts_with("\xfe\xff") || text.starts_with("\xff\xfe")) text.remove_prefix(2);
    return utf16_to_utf8(text, big);
  }
  if (value.starts_with(kAscii) || value.starts_with(kUndefined)) value.remove_prefix(8);
  return trim_nuls(value);
}

void read_exif(std::string_view tiff, Carriers& out) {
  if (tiff.starts_with(std::string_view{"Exif\0\0", 6})) tiff.remove_prefix(6);
  bool big;
  if (tiff.starts_with("MM\0*")) {
    big = true;
  } else if (tiff.starts_with(std::string_view{"II*\0", 4})) {
    big = false;
  } else {
    return;
  }
  Tiff t{tiff, big};
  auto ifd0 = t.u32(4);
  if (!ifd0) return;
  auto exif = read_ifd(t, *ifd0, out);
  if (exif && *exif != *ifd0) read_ifd(t, *exif, out);
}

}  // namespace sp::genmeta::detail
