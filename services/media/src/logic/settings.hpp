#pragma once
// The media service's own settings (`media.*`); defaults make a config-less start work.
#include <cstddef>
#include <string>

namespace sp {
class SettingsReader;
}

namespace sp::media {

struct MediaSettings {
  // media.max_upload_bytes: the upload route's body limit (413 above it).
  std::size_t max_upload_bytes = 25 * 1024 * 1024;
  // media.blob_root: the local blob store's directory; default <data_dir>/media-blobs.
  std::string blob_root;

  static MediaSettings read(SettingsReader& r, const std::string& data_dir);
};

}  // namespace sp::media
