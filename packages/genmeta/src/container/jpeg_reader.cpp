// JPEG segments: APP1 EXIF and XMP, COM, and APP11 JUMBF (C2PA) reassembled by box instance and
// sequence number (ISO/IEC 19566-5: CI "JP", En, Z, then the box, its header repeated in every
// segment).
#include <map>

#include "container/bytes.hpp"
#include "container/carriers.hpp"
#include "container/jpeg_segments.hpp"
#include "container/text_encoding.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr std::string_view kExifId{"Exif\0\0", 6};
constexpr std::string_view kXmpId{"http://ns.adobe.com/xap/1.0/\0", 29};
constexpr size_t kMaxJumbf = 32u << 20;

struct JumbfPieces {
  std::map<uint32_t, std::string_view> by_sequence;  // Z -> segment payload after "JP" En Z
};

// Joins the APP11 pieces of the first box instance: the first piece whole, later ones without
// their repeated box header.
std::string assemble(const std::map<uint16_t, JumbfPieces>& instances) {
  std::string out;
  for (const auto& [instance, pieces] : instances) {
    bool first = true;
    for (const auto& [seq, piece] : pieces.by_sequence) {
      std::string_view p = piece;
      if (!first) {
        auto lbox = be32(p, 0);
        size_t header = lbox && *lbox == 1 ? 16 : 8;
        if (p.size() < header) break;
        p.remove_prefix(header);
      }
      if (out.size() + p.size() > kMaxJumbf) break;
      out.append(p);
      first = false;
    }
    // The C2PA manifest store is the instance whose box is labelled "c2pa"; keep the first that
    // holds one, else the first instance.
    if (out.find("c2pa") != std::string::npos) return out;
    out.clear();
  }
  return out;
}

}  // namespace

size_t walk_jpeg_segments(std::string_view file,
                          const std::function<void(const JpegSegment&)>& visit) {
  if (!file.starts_with("\xff\xd8")) return 0;
  size_t at = 2;
  while (at + 1 < file.size()) {
    if (static_cast<unsigned char>(file[at]) != 0xFF) return 0;
    auto marker = static_cast<uint8_t>(file[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xDA) return at;
    if (marker == 0xD9) return 0;
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      at += 2;
      continue;
    }
    auto length = be16(file, at + 2);
    if (!length || *length < 2) return 0;
    auto whole = slice(file, at, 2 + static_cast<size_t>(*length));
    if (!whole) return 0;
    visit(JpegSegment{marker, *whole, whole->substr(4)});
    at += 2 + *length;
  }
  return 0;
}

Carriers read_jpeg(std::string_view file) {
  Carriers out;
  std::map<uint16_t, JumbfPieces> jumbf;
  walk_jpeg_segments(file, [&](const JpegSegment& s) {
    if (s.marker == 0xE1 && s.payload.starts_with(kExifId)) {
      read_exif(s.payload.substr(kExifId.size()), out);
    } else if (s.marker == 0xE1 && s.payload.starts_with(kXmpId)) {
      read_xmp(s.payload.substr(kXmpId.size()), out);
    } else if (s.marker == 0xFE) {
      out.texts.push_back({std::string(kJpegComment), to_utf8_or_latin1(s.payload)});
    } else if (s.marker == 0xEB && s.payload.starts_with("JP") && s.payload.size() >= 8) {
      auto instance = *be16(s.payload, 2);
      auto sequence = *be32(s.payload, 4);
      if (jumbf.size() < 64) jumbf[instance].by_sequence.emplace(sequence, s.payload.substr(8));
    }
  });
  if (!jumbf.empty()) out.jumbf = assemble(jumbf);
  return out;
}

}  // namespace sp::genmeta::detail
