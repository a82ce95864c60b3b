// A segment trie: each node has literal children, one {param} child and one {rest...} child.
// Matching is a depth-first search in precedence order (literal, param, catch-all).
#include "strangeprompt/http/router.hpp"

#include <array>
#include <stdexcept>

#include "strangeprompt/core/strings.hpp"

namespace sp::http {

namespace {

constexpr std::size_t kMaxSegments = 64;

struct Endpoint {
  const Route* route;
  std::vector<std::string> param_names;  // in path order; the catch-all name last
};

struct Node {
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> literals;
  std::unique_ptr<Node> param;
  std::unique_ptr<Node> catch_all;
  std::vector<Endpoint> endpoints;

  Node* literal_child(std::string_view segment) const {
    for (const auto& [text, child] : literals) {
      if (text == segment) return child.get();
    }
    return nullptr;
  }
};

struct Segments {
  std::array<std::string_view, kMaxSegments> items;
  std::size_t count = 0;
  std::string_view path;
};

// "/a/b" -> [a, b]; "/" -> []; false when the path is not absolute or too deep.
bool split_path(std::string_view path, Segments& out) {
  out.path = path;
  if (path.empty() || path.front() != '/') return false;
  if (path.size() == 1) return true;
  std::size_t start = 1;
  while (true) {
    if (out.count == kMaxSegments) return false;
    auto slash = path.find('/', start);
    out.items[out.count++] = path.substr(start, slash - start);
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

const Endpoint* endpoint_for(const Node& node, Method method) {
  const Endpoint* get = nullptr;
  for (const Endpoint& e : node.endpoints) {
    if (e.route->method == method) return &e;
    if (e.route->method == Method::kGet) get = &e;
  }
  return method == Method::kHead ? get : nullptr;
}

struct Search {
  Search(const Segments& s, Method m) : segments(s), method(m) {}
  const Segments& segments;
  Method method;
  std::array<std::string_view, kMaxSegments> captures{};
  const Endpoint* found = nullptr;
  std::vector<const Node*> path_matches;  // nodes matching the path but not the method
};

bool visit(const Node& node, std::size_t index, std::size_t captured, Search& s) {
  if (index == s.segments.count) {
    if (node.endpoints.empty()) return false;
    if (const Endpoint* e = endpoint_for(node, s.method)) {
      s.found = e;
      return true;
    }
    s.path_matches.push_back(&node);
    return false;
  }
  std::string_view segment = s.segments.items[index];
  if (const Node* child = node.literal_child(segment)) {
    if (visit(*child, index + 1, captured, s)) return true;
  }
  if (node.param && !segment.empty()) {
    s.captures[captured] = segment;
    if (visit(*node.param, index + 1, captured + 1, s)) return true;
  }
  if (node.catch_all) {
    // The rest of the path from this segment on, slashes included.
    auto offset = static_cast<std::size_t>(segment.data() - s.segments.path.data());
    std::string_view rest = s.segments.path.substr(offset);
    if (!rest.empty()) {
      s.captures[captured] = rest;
      const Node& leaf = *node.catch_all;
      if (const Endpoint* e = endpoint_for(leaf, s.method)) {
        s.found = e;
        return true;
      }
      if (!leaf.endpoints.empty()) s.path_matches.push_back(&leaf);
    }
  }
  return false;
}

void append_allow(std::string& allow, std::string_view method) {
  if (allow.find(method) != std::string::npos) return;
  if (!allow.empty()) allow += ", ";
  allow += method;
}

}  // namespace

struct Router::Trie {
  Node root;
};

Router::Router() : trie_(std::make_unique<Trie>()) {}
Router::~Router() = default;

void Router::add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  Segments segments;
  if (!split_path(pattern, segments)) throw std::invalid_argument("bad route pattern: " + pattern);
  Node* node = &trie_->root;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < segments.count; ++i) {
    std::string_view seg = segments.items[i];
    bool is_param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
    if (!is_param) {
      if (seg.find_first_of("{}") != std::string_view::npos) {
        throw std::invalid_argument("bad route segment in " + pattern);
      }
      Node* child = node->literal_child(seg);
      if (child == nullptr) {
        node->literals.emplace_back(std::string(seg), std::make_unique<Node>());
        child = node->literals.back().second.get();
      }
      node = child;
      continue;
    }
    std::string_view name = seg.substr(1, seg.size() - 2);
    bool rest = name.size() > 3 && name.substr(name.size() - 3) == "...";
    if (rest && i + 1 != segments.count) {
      throw std::invalid_argument("{name...} must be the last segment in " + pattern);
    }
    if (rest) name.remove_suffix(3);
    names.emplace_back(name);
    std::unique_ptr<Node>& child = rest ? node->catch_all : node->param;
    if (!child) child = std::make_unique<Node>();
    node = child.get();
  }
  for (const Endpoint& e : node->endpoints) {
    if (e.route->method == method) {
      throw std::invalid_argument("duplicate route " + std::string(to_string(method)) + " " +
                                  pattern);
    }
  }
  if (options.name.empty()) options.name = pattern;
  routes_.push_back(std::make_unique<Route>(
      Route{method, std::move(pattern), std::move(handler), std::move(options)}));
  node->endpoints.push_back(Endpoint{routes_.back().get(), std::move(names)});
}

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch result;
  Segments segments;
  if (!split_path(path, segments)) return result;
  Search search{segments, method};
  if (visit(trie_->root, 0, 0, search)) {
    result.route = search.found->route;
    const auto& names = search.found->param_names;
    result.params.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      // Matched raw, decoded after: "%2F" in a segment is part of the value, not a separator.
      result.params.emplace_back(names[i], url_decode(search.captures[i], false));
    }
    return result;
  }
  if (search.path_matches.empty()) return result;
  result.method_not_allowed = true;
  for (const Node* node : search.path_matches) {
    for (const Endpoint& e : node->endpoints) {
      append_allow(result.allow, to_string(e.route->method));
      if (e.route->method == Method::kGet) append_allow(result.allow, "HEAD");
    }
  }
  return result;
}

}  // namespace sp::http
