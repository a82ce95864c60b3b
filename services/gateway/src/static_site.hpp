#pragma once
// The built web app held in memory: every file read once at start with its precompressed .br and
// .gz siblings, its content type, strong ETag and cache policy. Immutable after load, so request
// threads read it without locks.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "strangeprompt/core/result.hpp"

namespace sp::gateway {

struct SiteFile {
  std::string content_type;
  std::string identity;
  std::string brotli;      // empty: no .br sibling
  std::string gzip;        // empty: no .gz sibling
  std::string etag;        // strong ETag of `identity`, quoted; per coding a suffix is added
  bool immutable = false;  // a content-hashed name under /assets/: cacheable for a year
};

class StaticSite {
 public:
  // Reads every regular file under `root` (skipping *.br / *.gz, which become siblings).
  // kNotFound when `root` holds no index.html.
  static Result<StaticSite> load(const std::filesystem::path& root);

  // The file at an URL path ("/assets/app-1a2b.js"); null when absent or the path is unsafe.
  const SiteFile* find(std::string_view url_path) const;
  const SiteFile& index() const { return files_.at("/index.html"); }
  std::size_t file_count() const { return files_.size(); }
  std::size_t bytes() const { return bytes_; }

 private:
  std::unordered_map<std::string, SiteFile> files_;  // by URL path
  std::size_t bytes_ = 0;
};

// The Content-Type of a file name by its extension (application/octet-stream when unknown).
std::string_view content_type_for(std::string_view file_name);

}  // namespace sp::gateway
