#include "c2pa/jumbf.hpp"

#include "container/bytes.hpp"

namespace sp::genmeta::detail {
namespace {

constexpr int kMaxDepth = 16;
constexpr size_t kMaxBoxes = 10000;

struct Box {
  std::string_view type;
  std::string_view payload;
  size_t size = 0;  // header + payload
};

std::optional<Box> next_box(std::string_view in, size_t at) {
  auto lbox = be32(in, at);
  auto type = slice(in, at + 4, 4);
  if (!lbox || !type) return std::nullopt;
  uint64_t length = *lbox;
  size_t header = 8;
  if (length == 1) {
    auto xl = be64(in, at + 8);
    if (!xl) return std::nullopt;
    length = *xl;
    header = 16;
  } else if (length == 0) {
    length = in.size() - at;  // to the end of the enclosing box
  }
  if (length < header || length > in.size() - at) return std::nullopt;
  return Box{*type, in.substr(at + header, length - header), static_cast<size_t>(length)};
}

// The label of a description box payload: UUID(16) toggles(1) [label\0].
std::string description_label(std::string_view jumd) {
  if (jumd.size() < 17) return {};
  auto toggles = static_cast<uint8_t>(jumd[16]);
  if (!(toggles & 0x02)) return {};
  std::string_view rest = jumd.substr(17);
  auto end = rest.find('\0');
  return std::string(rest.substr(0, end == std::string_view::npos ? rest.size() : end));
}

bool parse_superbox(std::string_view payload, int depth, size_t& boxes, JumbfSuperbox& out) {
  if (depth > kMaxDepth) return false;
  size_t at = 0;
  bool first = true;
  while (at < payload.size()) {
    if (++boxes > kMaxBoxes) return false;
    auto box = next_box(payload, at);
    if (!box) return !first;  // keep what was read before the damage
    if (first) {
      if (box->type != "jumd") return false;
      out.label = description_label(box->payload);
      first = false;
    } else if (box->type == "jumb") {
      JumbfSuperbox child;
      if (parse_superbox(box->payload, depth + 1, boxes, child))
        out.children.push_back(std::move(child));
    } else {
      out.contents.emplace_back(box->type, box->payload);
    }
    at += box->size;
  }
  return !first;
}

}  // namespace

const JumbfSuperbox* JumbfSuperbox::child(std::string_view wanted) const {
  for (const auto& c : children)
    if (c.label == wanted) return &c;
  return nullptr;
}

std::optional<std::string_view> JumbfSuperbox::content(std::string_view type) const {
  for (const auto& [t, payload] : contents)
    if (t == type) return payload;
  return std::nullopt;
}

std::optional<JumbfSuperbox> parse_jumbf(std::string_view bytes) {
  auto box = next_box(bytes, 0);
  if (!box || box->type != "jumb") return std::nullopt;
  size_t boxes = 0;
  JumbfSuperbox out;
  if (!parse_superbox(box->payload, 0, boxes, out)) return std::nullopt;
  return out;
}

}  // namespace sp::genmeta::detail
