// XMP: generation parameters appear as an attribute or element value of a few well-known
// properties (A1111-style text in exif:UserComment or dc:description, a `parameters` property,
// SwarmUI / Fooocus JSON). A tag-level scan, not an XML parser: XMP here is only a carrier.
#include <array>

#include "container/carriers.hpp"
#include "container/text_encoding.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr std::array<std::string_view, 6> kProperties = {
    "exif:UserComment", "dc:description",        "sd:parameters",
    "parameters",       "tiff:ImageDescription", "xmp:Description"};

std::string unescape_xml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    auto end = s.find(';', i);
    if (end == std::string_view::npos || end - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view entity = s.substr(i + 1, end - i - 1);
    if (entity == "amp")
      out.push_back('&');
    else if (entity == "lt")
      out.push_back('<');
    else if (entity == "gt")
      out.push_back('>');
    else if (entity == "quot")
      out.push_back('"');
    else if (entity == "apos")
      out.push_back('\'');
    else if (entity == "#10" || entity == "#xA" || entity == "#xa")
      out.push_back('\n');
    else if (entity == "#13" || entity == "#xD" || entity == "#xd")
      out.push_back('\r');
    else {
      out.append(s.substr(i, end - i + 1));
    }
    i = end;
  }
  return out;
}

// The value of `name` as attribute (name="...") or element (<name>...</name>, taking the text
// of an rdf:li inside when there is one).
std::optional<std::string> property(std::string_view xmp, std::string_view name) {
  std::string attr = std::string(name) + "=\"";
  if (auto at = xmp.find(attr); at != std::string_view::npos) {
    auto start = at + attr.size();
    auto end = xmp.find('"', start);
    if (end != std::string_view::npos) return unescape_xml(xmp.substr(start, end - start));
  }
  std::string open = "<" + std::string(name);
  std::string close = "</" + std::string(name) + ">";
  auto at = xmp.find(open);
  if (at == std::string_view::npos) return std::nullopt;
  auto body = xmp.find('>', at);
  auto end = xmp.find(close, at);
  if (body == std::string_view::npos || end == std::string_view::npos || end < body)
    return std::nullopt;
  std::string_view inner = xmp.substr(body + 1, end - body - 1);
  if (auto li = inner.find("<rdf:li"); li != std::string_view::npos) {
    auto li_body = inner.find('>', li);
    auto li_end = inner.find("</rdf:li>", li);
    if (li_body != std::string_view::npos && li_end != std::string_view::npos && li_end > li_body)
      inner = inner.substr(li_body + 1, li_end - li_body - 1);
  }
  return unescape_xml(inner);
}

}  // namespace

void read_xmp(std::string_view xmp, Carriers& out) {
  for (auto name : kProperties) {
    if (auto value = property(xmp, name); value && !value->empty())
      out.texts.push_back({std::string(kXmpText), to_utf8_or_latin1(*value)});
  }
}

}  // namespace sp::genmeta::detail
