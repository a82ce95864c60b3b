#include "strangeprompt/http/testing/json_body.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>

namespace sp::http::testing {

struct JsonBody::Impl {
  boost::json::value root;
  bool valid = false;

  // The value at a dotted path ("" = root), or null when a step is missing.
  const boost::json::value* find(std::string_view path) const {
    if (!valid) return nullptr;
    const boost::json::value* at = &root;
    while (!path.empty()) {
      auto dot = path.find('.');
      std::string_view step = path.substr(0, dot);
      path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
      if (const auto* object = at->if_object()) {
        at = object->if_contains(step);
      } else if (const auto* array = at->if_array()) {
        std::size_t index = 0;
        auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
        if (ec != std::errc() || end != step.data() + step.size() || index >= array->size()) {
          return nullptr;
        }
        at = &(*array)[index];
      } else {
        return nullptr;
      }
      if (at == nullptr) return nullptr;
    }
    return at;
  }
};

JsonBody::JsonBody(std::string_view text) : impl_(std::make_unique<Impl>()) {
  boost::system::error_code ec;
  impl_->root = boost::json::parse(text, ec);
  impl_->valid = !ec;
}

JsonBody::~JsonBody() = default;

bool JsonBody::valid() const {
  return impl_->valid;
}

bool JsonBody::has(std::string_view path) const {
  return impl_->find(path) != nullptr;
}

bool JsonBody::is_null(std::string_view path) const {
  const auto* v = impl_->find(path);
  return v != nullptr && v->is_null();
}

std::optional<std::string> JsonBody::text(std::string_view path) const {
  const auto* v = impl_->find(path);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<int64_t> JsonBody::integer(std::string_view path) const {
  const auto* v = impl_->find(path);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    return static_cast<int64_t>(v->get_uint64());
  }
  return std::nullopt;
}

std::optional<bool> JsonBody::boolean(std::string_view path) const {
  const auto* v = impl_->find(path);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->get_bool();
}

std::size_t JsonBody::size(std::string_view path) const {
  const auto* v = impl_->find(path);
  if (v == nullptr) return 0;
  if (v->is_array()) return v->get_array().size();
  if (v->is_object()) return v->get_object().size();
  return 0;
}

std::vector<std::string> JsonBody::keys(std::string_view path) const {
  std::vector<std::string> out;
  const auto* v = impl_->find(path);
  if (v == nullptr || !v->is_object()) return out;
  for (const auto& member : v->get_object()) out.emplace_back(member.key());
  return out;
}

}  // namespace sp::http::testing
