#include "logic/settings.hpp"

#include <charconv>

#include "strangeprompt/core/settings.hpp"
#include "strangeprompt/service/service_blob.hpp"

namespace sp::media {

MediaSettings MediaSettings::read(SettingsReader& r, const std::string& data_dir) {
  MediaSettings s;
  s.max_upload_bytes =
      r.size("media.max_upload_bytes", s.max_upload_bytes, 1024, std::size_t{1} << 30);
  s.blob_root = r.required_text("media.blob_root", data_dir + "/media-blobs");
  s.upload_spool_dir = r.required_text("media.upload_spool_dir", data_dir + "/media-uploads");
  if (r.has("media.avif")) s.avif = r.boolean("media.avif", true);
  s.avif_effort = static_cast<int>(r.integer("media.avif_effort", s.avif_effort, 0, 9));
  s.avif_quality = static_cast<int>(r.integer("media.avif_quality", s.avif_quality, 1, 100));
  s.blob = service::blob_options(r, s.blob_root);
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
  s.moderation_url = r.text("media.moderation_url", "");
  s.moderation_timeout = r.millis("media.moderation_timeout_ms", s.moderation_timeout,
                                  std::chrono::milliseconds(50), std::chrono::minutes(1));
  s.moderation.fail_open = r.boolean("media.moderation_fail_open", false);
  s.moderation.blocklist_distance = static_cast<int>(
      r.integer("media.moderation_blocklist_distance", s.moderation.blocklist_distance, 0, 32));
  for (const std::string& hex : r.list("media.moderation_blocklist", {})) {
    uint64_t hash = 0;
    auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), hash, 16);
    if (hex.size() != 16 || ec != std::errc() || end != hex.data() + hex.size()) {
      r.reject("media.moderation_blocklist", "\"" + hex + "\" is not 16 hex digits");
      continue;
    }
    s.moderation.blocklist.push_back(hash);
  }
  s.cursor_key = r.secret("http.cursor_key");
  return s;
}

}  // namespace sp::media
