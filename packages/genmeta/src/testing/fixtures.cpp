#include "testing/fixtures.hpp"

#include <zlib.h>

#include <cstdlib>
#include <stdexcept>

#include "container/bytes.hpp"

namespace sp::genmeta::testing {

using detail::put_be16;
using detail::put_be32;
using detail::put_le32;

namespace {

std::string deflate(std::string_view s, bool gzip = false) {
  z_stream zs{};
  if (deflateInit2(&zs, 9, Z_DEFLATED, gzip ? 31 : 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&zs, s.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  zs.avail_in = static_cast<uInt>(s.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string ihdr(uint32_t w, uint32_t h) {
  std::string b;
  put_be32(b, w);
  put_be32(b, h);
  b += std::string("\x08\x06\x00\x00\x00", 5);
  return png_chunk("IHDR", b);
}

std::string cbor_head(uint8_t major, uint64_t n) {
  std::string out;
  auto m = static_cast<char>(major << 5);
  if (n < 24) {
    out.push_back(static_cast<char>(m | static_cast<char>(n)));
  } else if (n < 256) {
    out.push_back(static_cast<char>(m | 24));
    out.push_back(static_cast<char>(n));
  } else if (n < 65536) {
    out.push_back(static_cast<char>(m | 25));
    put_be16(out, static_cast<uint16_t>(n));
  } else {
    out.push_back(static_cast<char>(m | 26));
    put_be32(out, static_cast<uint32_t>(n));
  }
  return out;
}

}  // namespace

std::string png_chunk(std::string_view type, std::string_view body) {
  std::string out;
  put_be32(out, static_cast<uint32_t>(body.size()));
  out += type;
  out += body;
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(type.data()), 4);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  put_be32(out, static_cast<uint32_t>(crc));
  return out;
}

std::string png_text(std::string_view key, std::string_view value) {
  return png_chunk("tEXt", std::string(key) + '\0' + std::string(value));
}

std::string png_ztxt(std::string_view key, std::string_view value) {
  return png_chunk("zTXt", std::string(key) + '\0' + '\0' + deflate(value));
}

std::string png_itxt(std::string_view key, std::string_view value, bool compressed) {
  std::string body = std::string(key) + '\0' + (compressed ? '\1' : '\0') + '\0' + "en" + '\0' +
                     '\0' + (compressed ? deflate(value) : std::string(value));
  return png_chunk("iTXt", body);
}

std::string png_file(const std::vector<std::string>& before,
                     const std::vector<std::string>& after) {
  std::string out = "\x89PNG\r\n\x1a\n";
  out += ihdr(1, 1);
  for (const auto& c : before) out += c;
  out += png_chunk("IDAT", deflate(std::string("\0\0\0\0\xff", 5)));
  for (const auto& c : after) out += c;
  out += png_chunk("IEND", "");
  return out;
}

std::string png_stealth(std::string_view text, bool compressed, uint32_t width, uint32_t height) {
  std::string data = compressed ? deflate(text, true) : std::string(text);
  std::string bits_src = compressed ? "stealth_pngcomp" : "stealth_pnginfo";
  std::string payload = bits_src;
  put_be32(payload, static_cast<uint32_t>(data.size() * 8));
  payload += data;
  std::vector<uint8_t> alpha(static_cast<size_t>(width) * height, 0xFE);
  for (size_t bit = 0; bit < payload.size() * 8 && bit < alpha.size(); ++bit) {
    size_t x = bit / height;
    size_t y = bit % height;
    bool one = (static_cast<uint8_t>(payload[bit / 8]) >> (7 - bit % 8)) & 1;
    alpha[y * width + x] = one ? 0xFF : 0xFE;
  }
  // Rows cycle through the five PNG filters so the reader's unfiltering is exercised.
  std::string raw;
  std::string prev(static_cast<size_t>(width) * 4, '\0');
  for (uint32_t y = 0; y < height; ++y) {
    std::string row;
    for (uint32_t x = 0; x < width; ++x) {
      row.push_back(static_cast<char>(x * 7 + y));
      row.push_back(static_cast<char>(x * 3));
      row.push_back(static_cast<char>(y * 5));
      row.push_back(static_cast<char>(alpha[y * width + x]));
    }
    uint8_t filter = static_cast<uint8_t>(y % 5);
    raw.push_back(static_cast<char>(filter));
    for (size_t i = 0; i < row.size(); ++i) {
      int a = i >= 4 ? static_cast<uint8_t>(row[i - 4]) : 0;
      int b = y > 0 ? static_cast<uint8_t>(prev[i]) : 0;
      int c = (y > 0 && i >= 4) ? static_cast<uint8_t>(prev[i - 4]) : 0;
      int predictor = 0;
      if (filter == 1) predictor = a;
      if (filter == 2) predictor = b;
      if (filter == 3) predictor = (a + b) / 2;
      if (filter == 4) {
        int p0 = a + b - c;
        int pa = std::abs(p0 - a), pb = std::abs(p0 - b), pc = std::abs(p0 - c);
        predictor = (pa <= pb && pa <= pc) ? a : pb <= pc ? b : c;
      }
      raw.push_back(static_cast<char>(static_cast<uint8_t>(row[i]) - predictor));
    }
    prev = row;
  }
  std::string out = "\x89PNG\r\n\x1a\n";
  out += ihdr(width, height);
  out += png_chunk("IDAT", deflate(raw));
  out += png_chunk("IEND", "");
  return out;
}

std::string jpeg_segment(uint8_t marker, std::string_view payload) {
  std::string out;
  out.push_back('\xff');
  out.push_back(static_cast<char>(marker));
  put_be16(out, static_cast<uint16_t>(payload.size() + 2));
  out += payload;
  return out;
}

std::string jpeg_file(const std::vector<std::string>& segments) {
  std::string out = "\xff\xd8";
  out += jpeg_segment(0xE0, std::string("JFIF\0\1\1\0\0\1\0\1\0\0", 14));
  for (const auto& s : segments) out += s;
  out += jpeg_segment(0xDB, std::string(65, '\1'));                                   // DQT
  out += jpeg_segment(0xC0, std::string("\x08\x00\x01\x00\x01\x01\x01\x11\x00", 9));  // SOF0
  out += jpeg_segment(0xDA, std::string("\x01\x01\x00\x00\x3f\x00", 6));              // SOS
  out += std::string("\x12\x34\xff\x00\x56", 5);
  out += "\xff\xd9";
  return out;
}

std::string jpeg_exif(std::string_view tiff) {
  return jpeg_segment(0xE1, std::string("Exif\0\0", 6) + std::string(tiff));
}

std::string jpeg_xmp(std::string_view packet) {
  return jpeg_segment(0xE1,
                      std::string("http://ns.adobe.com/xap/1.0/\0", 29) + std::string(packet));
}

std::string user_comment_unicode(std::string_view text, bool big_endian) {
  std::string out("UNICODE\0", 8);
  for (char c : text) {
    if (big_endian) {
      out.push_back('\0');
      out.push_back(c);
    } else {
      out.push_back(c);
      out.push_back('\0');
    }
  }
  return out;
}

std::string user_comment_ascii(std::string_view text) {
  return std::string("ASCII\0\0\0", 8) + std::string(text);
}

std::string tiff_with_user_comment(std::string_view comment, bool big) {
  auto u16 = [&](std::string& o, uint16_t v) {
    if (big) {
      put_be16(o, v);
    } else {
      o.push_back(static_cast<char>(v));
      o.push_back(static_cast<char>(v >> 8));
    }
  };
  auto u32 = [&](std::string& o, uint32_t v) { big ? put_be32(o, v) : put_le32(o, v); };
  std::string t = big ? std::string("MM\0*", 4) : std::string("II*\0", 4);
  u32(t, 8);
  // IFD0 at 8: 3 entries (Make, ExifIFD, GPS IFD) = 2 + 36 + 4 = 42 -> 50
  u16(t, 3);
  u16(t, 0x010F);
  u16(t, 2);
  u32(t, 4);
  t += std::string("Cam\0", 4);
  u16(t, 0x8769);
  u16(t, 4);
  u32(t, 1);
  u32(t, 50);
  u16(t, 0x8825);
  u16(t, 4);
  u32(t, 1);
  u32(t, 68);
  u32(t, 0);
  // EXIF IFD at 50: 1 entry = 18 bytes -> GPS at 68
  u16(t, 1);
  u16(t, 0x9286);
  u16(t, 7);
  u32(t, static_cast<uint32_t>(comment.size()));
  u32(t, 86);
  u32(t, 0);
  // GPS IFD at 68: GPSLatitudeRef "N" = 18 bytes -> data at 86
  u16(t, 1);
  u16(t, 0x0001);
  u16(t, 2);
  u32(t, 2);
  t += std::string("N\0\0\0", 4);
  u32(t, 0);
  t += comment;
  return t;
}

std::string xmp_packet(std::string_view property, std::string_view value) {
  return "<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description>"
         "<" +
         std::string(property) + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + std::string(value) +
         "</rdf:li></rdf:Alt></" + std::string(property) +
         "></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
}

std::string webp_chunk(std::string_view type, std::string_view body) {
  std::string out(type);
  put_le32(out, static_cast<uint32_t>(body.size()));
  out += body;
  if (body.size() & 1) out.push_back('\0');
  return out;
}

std::string webp_file(const std::vector<std::string>& chunks) {
  uint8_t flags = 0x10;  // alpha
  for (const auto& c : chunks) {
    if (c.starts_with("EXIF")) flags |= 0x08;
    if (c.starts_with("XMP ")) flags |= 0x04;
  }
  std::string vp8x(10, '\0');
  vp8x[0] = static_cast<char>(flags);
  std::string body = "WEBP" + webp_chunk("VP8X", vp8x) +
                     webp_chunk("VP8L", std::string("\x2f\0\0\0\0\x88\x88\x08", 8));
  for (const auto& c : chunks) body += c;
  std::string out = "RIFF";
  put_le32(out, static_cast<uint32_t>(body.size()));
  return out + body;
}

namespace cbor {
std::string uint(uint64_t v) {
  return cbor_head(0, v);
}
std::string text(std::string_view s) {
  return cbor_head(3, s.size()) + std::string(s);
}
std::string bytes(std::string_view s) {
  return cbor_head(2, s.size()) + std::string(s);
}
std::string array(const std::vector<std::string>& items) {
  std::string out = cbor_head(4, items.size());
  for (const auto& i : items) out += i;
  return out;
}
std::string map(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = cbor_head(5, entries.size());
  for (const auto& [k, v] : entries) out += text(k) + v;
  return out;
}
}  // namespace cbor

std::string jumbf_box(std::string_view type, std::string_view payload) {
  std::string out;
  put_be32(out, static_cast<uint32_t>(payload.size() + 8));
  out += type;
  out += payload;
  return out;
}

std::string jumbf_superbox(std::string_view label, const std::vector<std::string>& children) {
  std::string jumd(16, '\x11');  // type UUID (content kind; not interpreted)
  jumd.push_back('\x03');        // requestable + label present
  jumd += label;
  jumd.push_back('\0');
  std::string payload = jumbf_box("jumd", jumd);
  for (const auto& c : children) payload += c;
  return jumbf_box("jumb", payload);
}

std::string c2pa_store(std::string_view generator_info_name, std::string_view claim_generator,
                       std::string_view digital_source_type, bool v2) {
  struct {
    std::string_view generator_info_name, claim_generator, digital_source_type;
    bool v2;
  } spec{generator_info_name, claim_generator, digital_source_type, v2};
  std::vector<std::pair<std::string, std::string>> claim;
  if (!spec.claim_generator.empty())
    claim.emplace_back("claim_generator", cbor::text(spec.claim_generator));
  if (!spec.generator_info_name.empty()) {
    std::string info =
        cbor::map({{"name", cbor::text(spec.generator_info_name)}, {"version", cbor::text("1.0")}});
    claim.emplace_back("claim_generator_info", spec.v2 ? info : cbor::array({info}));
  }
  claim.emplace_back("signature", cbor::text("self#jumbf=c2pa.signature"));
  claim.emplace_back("alg", cbor::text("sha256"));
  std::vector<std::string> assertions;
  if (!spec.digital_source_type.empty()) {
    std::string action = cbor::map({{"action", cbor::text("c2pa.created")},
                                    {"digitalSourceType", cbor::text(spec.digital_source_type)}});
    std::string actions = cbor::map({{"actions", cbor::array({action})}});
    assertions.push_back(
        jumbf_superbox(spec.v2 ? "c2pa.actions.v2" : "c2pa.actions", {jumbf_box("cbor", actions)}));
  }
  assertions.push_back(jumbf_superbox("c2pa.hash.data", {jumbf_box("cbor", cbor::map({}))}));
  std::string manifest =
      jumbf_superbox("urn:uuid:6fd6d6a2-0000-4000-8000-000000000001",
                     {jumbf_superbox("c2pa.assertions", assertions),
                      jumbf_superbox(spec.v2 ? "c2pa.claim.v2" : "c2pa.claim",
                                     {jumbf_box("cbor", cbor::map(claim))}),
                      jumbf_superbox("c2pa.signature", {jumbf_box("cbor", cbor::bytes("sig"))})});
  return jumbf_superbox("c2pa", {manifest});
}

std::vector<std::string> jpeg_app11(std::string_view store, size_t piece, uint16_t instance) {
  std::vector<std::string> out;
  std::string_view header = store.substr(0, 8);
  std::string_view rest = store.substr(8);
  uint32_t seq = 1;
  while (!rest.empty() || seq == 1) {
    std::string payload = "JP";
    put_be16(payload, instance);
    put_be32(payload, seq);
    payload += header;
    size_t n = std::min(piece, rest.size());
    payload += rest.substr(0, n);
    rest.remove_prefix(n);
    out.push_back(jpeg_segment(0xEB, payload));
    ++seq;
  }
  return out;
}

}  // namespace sp::genmeta::testing
