// JPEG: keeps the tables, frame headers and entropy-coded data, APP0 JFIF, APP2 ICC and APP14
// Adobe; with keep_parameters also a COM that holds parameters and the EXIF UserComment
// (rewritten into an EXIF block that holds nothing else: no GPS, no camera data).
#include "container/bytes.hpp"
#include "container/jpeg_segments.hpp"
#include "strip/strip.hpp"
#include "tools/tools.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr std::string_view kExifId{"Exif\0\0", 6};

bool kept_app(const JpegSegment& s) {
  switch (s.marker) {
    case 0xE0:
      return s.payload.starts_with(std::string_view{"JFIF\0", 5});
    case 0xE2:
      return s.payload.starts_with(std::string_view{"ICC_PROFILE\0", 12});
    case 0xEE:
      return s.payload.starts_with("Adobe");
    default:
      return false;
  }
}

}  // namespace

std::optional<std::string> strip_jpeg(std::string_view file, bool keep_parameters) {
  std::string out("\xff\xd8");
  std::optional<std::string> parameters;
  bool too_long = false;
  size_t sos = walk_jpeg_segments(file, [&](const JpegSegment& s) {
    bool app = s.marker >= 0xE0 && s.marker <= 0xEF;
    if (app) {
      if (kept_app(s)) {
        out.append(s.whole);
      } else if (keep_parameters && !parameters && s.marker == 0xE1 &&
                 s.payload.starts_with(kExifId)) {
        parameters = parameters_in_exif(s.payload.substr(kExifId.size()));
        if (parameters) {
          std::string exif = std::string(kExifId) + exif_with_user_comment(*parameters);
          if (exif.size() + 2 > 0xFFFF) {
            too_long = true;
            return;
          }
          out.append("\xff\xe1");
          put_be16(out, static_cast<uint16_t>(exif.size() + 2));
          out += exif;
        }
      }
    } else if (s.marker == 0xFE) {
      if (keep_parameters && is_generation_text(s.payload)) out.append(s.whole);
    } else {
      out.append(s.whole);
    }
  });
  if (sos == 0 || too_long) return std::nullopt;
  out.append(file.substr(sos));
  return out;
}

}  // namespace sp::genmeta::detail
