#include "logic/media_library.hpp"

#include "logic/media_events.hpp"

#include <fstream>

#include "logic/file_type.hpp"
#include "logic/media_worker.hpp"
#include "strangeprompt/blob/blob_store.hpp"
#include "strangeprompt/genmeta/extract.hpp"
#include "strangeprompt/security/digest.hpp"

namespace sp::media {

UploadSource source_from_bytes(std::string_view bytes) {
  return UploadSource{.head = bytes,
                      .sha256_hex = security::sha256_hex(bytes),
                      .size = bytes.size(),
                      .store = [bytes](blob::BlobStore& blobs, const std::string& key) {
                        return blobs.put_bytes(key, bytes);
                      }};
}

UploadSource source_from_file(std::string path, std::string_view head, std::string sha256_hex,
                              uint64_t size) {
  return UploadSource{
      .head = head,
      .sha256_hex = std::move(sha256_hex),
      .size = size,
      .store = [path = std::move(path)](blob::BlobStore& blobs, const std::string& key) -> Status {
        std::ifstream in(path, std::ios::binary);
        if (!in) return Error(ErrorCode::kInternal, "the uploaded file is gone", path);
        return blobs.put(key, [&in](std::span<char> buffer) -> Result<std::size_t> {
          in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
          if (in.bad()) return Error(ErrorCode::kInternal, "reading the uploaded file failed");
          return static_cast<std::size_t>(in.gcount());
        });
      }};
}

Result<UploadOutcome> MediaLibrary::upload(int64_t owner_id, const UploadSource& source) {
  if (source.size == 0) return Error::invalid("the uploaded file is empty");
  SP_ASSIGN_OR_RETURN(ImageFormat format, sniff_image_format(source.head));
  const std::string& sha = source.sha256_hex;
  SP_ASSIGN_OR_RETURN(auto existing, store_.find_by_owner_sha(owner_id, sha));
  if (existing) return UploadOutcome{std::move(*existing), false};

  const int64_t id = ids_.next();
  const int64_t now = clock_.now_ms();
  MediaRecord record;
  record.id = id;
  record.owner_id = owner_id;
  record.sha256 = sha;
  record.format = std::string(format_name(format));
  record.size_bytes = static_cast<int64_t>(source.size);
  record.blob_key = "media/originals/" + std::to_string(id);
  record.status = "pending";
  record.created_at = now;
  record.updated_at = now;
  // The original first (atomic put): a committed row always has its bytes. A row that fails to
  // commit leaves an orphan blob under a never-reused id, removed below.
  SP_TRY(source.store(blobs_, record.blob_key));
  Status inserted = store_.insert_with_job(record);
  if (!inserted.ok()) {
    (void)blobs_.remove(record.blob_key);
    if (inserted.error().code != ErrorCode::kConflict) return inserted.error();
    // A concurrent upload of the same bytes by the same owner won the race: answer with it.
    SP_ASSIGN_OR_RETURN(auto winner, store_.find_by_owner_sha(owner_id, sha));
    if (!winner) return inserted.error();
    return UploadOutcome{std::move(*winner), false};
  }
  if (on_enqueued_) on_enqueued_();
  return UploadOutcome{std::move(record), true};
}

Result<MediaView> MediaLibrary::get(int64_t viewer_id, int64_t id) {
  SP_ASSIGN_OR_RETURN(auto found, store_.find(id));
  if (!found) return Error::not_found("no such media");
  if (found->owner_id == viewer_id) return owner_view(std::move(*found));
  // Checked in this order so that a media not ready or not approved costs no post lookup.
  if (!publicly_readable(*found, true)) return Error::not_found("no such media");
  SP_ASSIGN_OR_RETURN(bool used, public_posts_.used_publicly(id, found->owner_id));
  if (!publicly_readable(*found, used)) return Error::not_found("no such media");
  return MediaView{std::move(*found), {}, /*owner_view=*/false};
}

Result<MediaView> MediaLibrary::get_owned(int64_t owner_id, int64_t id) {
  SP_ASSIGN_OR_RETURN(auto found, store_.find(id));
  if (!found || found->owner_id != owner_id) return Error::not_found("no such media");
  return owner_view(std::move(*found));
}

Result<MediaView> MediaLibrary::owner_view(MediaRecord media) {
  MediaView view{std::move(media), {}};
  if (view.media.phash) {
    SP_ASSIGN_OR_RETURN(view.duplicates, store_.near_duplicates(view.media.id, *view.media.phash,
                                                                kNearDuplicateDistance));
  }
  return view;
}

Result<MediaLibrary::Download> MediaLibrary::variant(int64_t id, std::string_view tag,
                                                     std::string_view file) {
  const Error missing = Error::not_found("no such media file");
  const std::size_t dot = file.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot > 5 ||
      file.substr(0, dot).find_first_not_of("0123456789") != std::string_view::npos) {
    return missing;
  }
  const std::string_view format = file.substr(dot + 1);
  if (format != "webp" && format != "avif") return missing;
  SP_ASSIGN_OR_RETURN(auto found, store_.find(id));
  if (!found || found->status != "ready" || tag.size() != 16 || variant_tag(found->sha256) != tag) {
    return missing;
  }
  Result<std::string> bytes =
      blobs_.get_bytes(variant_key(id, std::stoi(std::string(file.substr(0, dot))), format));
  if (!bytes.ok() && bytes.error().code == ErrorCode::kNotFound) return missing;
  if (!bytes.ok()) return bytes.error();
  return Download{std::move(*bytes), "image/" + std::string(format)};
}

Result<MediaLibrary::Download> MediaLibrary::original(int64_t id, bool keep_parameters) {
  SP_ASSIGN_OR_RETURN(auto found, store_.find(id));
  if (!found || found->status != "ready") return Error::not_found("no such media");
  SP_ASSIGN_OR_RETURN(std::string bytes, blobs_.get_bytes(found->blob_key));
  if (std::optional<std::string> kept = genmeta::strip_metadata(bytes, keep_parameters)) {
    return Download{std::move(*kept), "image/" + found->format};
  }
  // genmeta cannot rewrite this file safely: the largest variant (re-encoded, nothing kept).
  int largest = 0;
  for (int width : variant_widths(found->width ? static_cast<int>(*found->width) : 0)) {
    if (blobs_.stat(variant_key(id, width, "webp")).ok()) largest = width;
  }
  SP_ASSIGN_OR_RETURN(std::string variant, blobs_.get_bytes(variant_key(id, largest, "webp")));
  return Download{std::move(variant), "image/webp"};
}

Result<std::vector<MediaRecord>> MediaLibrary::awaiting_review(int64_t after_id,
                                                               std::size_t limit) {
  return store_.awaiting_review(after_id, limit);
}

Result<MediaView> MediaLibrary::review(int64_t id, std::string_view outcome,
                                       const std::optional<std::string>& reason) {
  const int64_t now = clock_.now_ms();
  // The gallery learns the verdict from a new media.processed in the same transaction.
  SP_ASSIGN_OR_RETURN(bool changed,
                      store_.set_moderation(id, outcome, reason, now, [now](const MediaRecord& m) {
                        return media_reviewed_event(m, now);
                      }));
  if (!changed) return Error::not_found("no processed media with this id");
  SP_ASSIGN_OR_RETURN(auto found, store_.find(id));
  if (!found) return Error::not_found("no processed media with this id");
  return MediaView{std::move(*found), {}};
}

Result<int> MediaLibrary::remove_user(int64_t owner_id) {
  SP_ASSIGN_OR_RETURN(auto owned, store_.owned_by(owner_id));
  for (const auto& [id, original] : owned) {
    SP_TRY(blobs_.remove(original));
    // The standard widths, and the image's own width (variant_widths), in both formats.
    SP_ASSIGN_OR_RETURN(auto media, store_.find(id));
    std::vector<int> widths(std::begin(kVariantWidths), std::end(kVariantWidths));
    if (media && media->width) widths.push_back(static_cast<int>(*media->width));
    for (int width : widths) {
      for (std::string_view format : {"webp", "avif"}) {
        SP_TRY(blobs_.remove(variant_key(id, width, format)));
      }
    }
    SP_TRY(store_.remove(id));
  }
  SP_TRY(public_posts_.withdraw_author(owner_id));
  return static_cast<int>(owned.size());
}

bool MediaLibrary::publicly_readable(const MediaRecord& media, bool used_in_public_post) {
  return used_in_public_post && media.status == "ready" &&
         media.moderation_outcome.value_or("") == "approved";
}

}  // namespace sp::media
