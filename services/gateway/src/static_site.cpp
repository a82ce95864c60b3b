#include "static_site.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "strangeprompt/http/caching.hpp"

namespace sp::gateway {
namespace {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kInternal, "cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string read_sibling(const std::filesystem::path& path, std::string_view suffix) {
  std::filesystem::path sibling = path;
  sibling += std::string(suffix);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(sibling, ec)) return {};
  auto bytes = read_file(sibling);
  return bytes.ok() ? std::move(*bytes) : std::string();
}

}  // namespace

std::string_view content_type_for(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".png", "image/png"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".avif", "image/avif"},
  }};
  for (const auto& [ext, type] : kTypes) {
    if (ends_with(name, ext)) return type;
  }
  return "application/octet-stream";
}

Result<StaticSite> StaticSite::load(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(root / "index.html", ec)) {
    return Error(ErrorCode::kNotFound,
                 "no built web app at " + root.string() + " (index.html missing)");
  }
  StaticSite site;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::filesystem::path& path = it->path();
    std::string name = path.filename().string();
    if (ends_with(name, ".br") || ends_with(name, ".gz")) continue;
    SP_ASSIGN_OR_RETURN(std::string bytes, read_file(path));
    std::string url = "/" + std::filesystem::relative(path, root).generic_string();
    SiteFile file;
    file.content_type = std::string(content_type_for(name));
    file.etag = http::strong_etag(bytes);
    file.identity = std::move(bytes);
    file.brotli = read_sibling(path, ".br");
    file.gzip = read_sibling(path, ".gz");
    file.immutable = url.starts_with("/assets/");
    site.bytes_ += file.identity.size() + file.brotli.size() + file.gzip.size();
    site.files_.emplace(std::move(url), std::move(file));
  }
  if (ec) return Error(ErrorCode::kInternal, "cannot list " + root.string() + ": " + ec.message());
  return site;
}

const SiteFile* StaticSite::find(std::string_view url_path) const {
  // Names are plain: anything encoded, dotted or doubled is not one of ours.
  if (url_path.find("..") != std::string_view::npos ||
      url_path.find('%') != std::string_view::npos ||
      url_path.find("//") != std::string_view::npos) {
    return nullptr;
  }
  auto it = files_.find(std::string(url_path));
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace sp::gateway
