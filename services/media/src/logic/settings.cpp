#include "logic/settings.hpp"

#include "strangeprompt/core/settings.hpp"

namespace sp::media {

MediaSettings MediaSettings::read(SettingsReader& r, const std::string& data_dir) {
  MediaSettings s;
  s.max_upload_bytes =
      r.size("media.max_upload_bytes", s.max_upload_bytes, 1024, std::size_t{1} << 30);
  s.blob_root = r.required_text("media.blob_root", data_dir + "/media-blobs");
  s.workers = static_cast<int>(r.integer("media.workers", s.workers, 0, 256));
  s.job_lease = r.seconds("media.job_lease_seconds", s.job_lease, std::chrono::seconds(5),
                          std::chrono::hours(24));
  s.job_max_attempts =
      static_cast<int>(r.integer("media.job_max_attempts", s.job_max_attempts, 1, 100));
  s.poll_interval = r.millis("media.poll_interval_ms", s.poll_interval,
                             std::chrono::milliseconds(10), std::chrono::minutes(10));
  s.url_signing_key = r.secret("media.url_signing_key");
  if (s.url_signing_key && s.url_signing_key->size() < 32) {
    r.reject("media.url_signing_key", "must be at least 32 bytes");
  }
  s.original_url_ttl = r.seconds("media.original_url_ttl_seconds", s.original_url_ttl,
                                 std::chrono::seconds(10), std::chrono::hours(24 * 7));
  return s;
}

}  // namespace sp::media
