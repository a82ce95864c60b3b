#include "logic/settings.hpp"

#include "strangeprompt/core/settings.hpp"

namespace sp::media {

MediaSettings MediaSettings::read(SettingsReader& r, const std::string& data_dir) {
  MediaSettings s;
  s.max_upload_bytes =
      r.size("media.max_upload_bytes", s.max_upload_bytes, 1024, std::size_t{1} << 30);
  s.blob_root = r.required_text("media.blob_root", data_dir + "/media-blobs");
  return s;
}

}  // namespace sp::media
