#pragma once
// Uploads and reads of media: typing by magic bytes, exact-duplicate detection per owner
// (SHA-256), the private original in the blob store, the row and its processing job committed
// together. No HTTP, no SQL.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "logic/post_events.hpp"
#include "store/media_store.hpp"
#include "store/public_posts.hpp"
#include "strangeprompt/core/clock.hpp"
#include "strangeprompt/core/id.hpp"
#include "strangeprompt/core/result.hpp"

namespace sp::blob {
class BlobStore;
}

namespace sp::media {

// Near-duplicates are reported at Hamming distance <= this (of 64 bits).
inline constexpr int kNearDuplicateDistance = 10;

struct MediaView {
  MediaRecord media;
  std::vector<NearDuplicate> duplicates;  // other media (any owner), nearest first
  // true: the owner reads it (every field); false: the public view of a media used in a public
  // post (handlers/views.hpp media_json leaves the owner-only fields out; no duplicates).
  bool owner_view = true;
};

// An upload as the library needs it: its first bytes (for typing), digest and size, and how to
// write the whole file to a blob (streamed: never all in memory).
struct UploadSource {
  std::string_view head;  // at least the first 16 bytes when the file has them
  std::string sha256_hex;
  uint64_t size = 0;
  std::function<Status(blob::BlobStore& blobs, const std::string& key)> store;
};

// A source over bytes in memory (tests, small bodies).
UploadSource source_from_bytes(std::string_view bytes);
// A source over a file on disk (a spooled request body) whose digest is already known.
UploadSource source_from_file(std::string path, std::string_view head, std::string sha256_hex,
                              uint64_t size);

struct UploadOutcome {
  MediaRecord media;
  bool created = false;  // false: the same bytes were already uploaded by this owner
};

class MediaLibrary {
 public:
  // Every reference must outlive the library.
  // `on_enqueued` (optional) runs after a new job was committed: it wakes the workers.
  MediaLibrary(MediaStore& store, blob::BlobStore& blobs, IdGenerator& ids, const Clock& clock,
               std::function<void()> on_enqueued = {})
      : store_(store),
        blobs_(blobs),
        ids_(ids),
        clock_(clock),
        on_enqueued_(std::move(on_enqueued)),
        public_posts_(store.database()) {}

  // Stores the file for `owner_id` as a pending media with its job; the owner's existing media
  // when the bytes are the same (SHA-256). kUnsupportedMedia (415) with a reason for a file that
  // is not PNG, JPEG, WebP or AVIF. Generation metadata is read later by the worker (which loads
  // the original anyway): until then `metadata.tool` is `unknown`.
  Result<UploadOutcome> upload(int64_t owner_id, const UploadSource& source);
  Result<UploadOutcome> upload(int64_t owner_id, std::string_view bytes) {
    return upload(owner_id, source_from_bytes(bytes));
  }

  // The media as `viewer_id` (0: anonymous) may see it: the owner's full view, or the public view
  // when publicly_readable; else kNotFound (others never learn that an id exists).
  Result<MediaView> get(int64_t viewer_id, int64_t id);
  // The media only for its owner (original downloads), else kNotFound.
  Result<MediaView> get_owned(int64_t owner_id, int64_t id);

  // gallery.post.published / revised / withdrawn: records which public posts use which media
  // (idempotent, older events ignored: PublicPosts::apply). Returns whether it changed anything.
  Result<bool> apply_post_event(const PostVisibility& post) { return public_posts_.apply(post); }

  struct Download {
    std::string bytes;
    std::string content_type;
  };
  // The bytes and type (image/webp, image/avif) of a ready media's variant named by its URL parts
  // (variant_url): kNotFound for anything else (unknown id, wrong tag, a width or format never
  // made, a media not ready).
  Result<Download> variant(int64_t id, std::string_view tag, std::string_view file);

  // The original for "download original": the file with only its generation-parameter text kept
  // (none when `keep_parameters` is false) when genmeta can rewrite the format, else the largest
  // re-encoded variant. kNotFound when the media is absent or not ready.
  Result<Download> original(int64_t id, bool keep_parameters);

  // user.deleted: removes every media of `owner_id` with its original and variants (blobs
  // first, then the row, so a retry after a crash still finds what is left), and marks the user's
  // posts as not public. Idempotent; returns how many media were removed.
  Result<int> remove_user(int64_t owner_id);

  // The admin review queue: media whose moderation outcome is needs_review, oldest first.
  Result<std::vector<MediaRecord>> awaiting_review(int64_t after_id, std::size_t limit);
  // An admin's verdict (approved | rejected) on a processed media; kNotFound when there is none.
  Result<MediaView> review(int64_t id, std::string_view outcome,
                           const std::optional<std::string>& reason);

  // Whether anyone may read a media that is not theirs: it is ready, moderation approved it, and
  // at least one public post of its owner uses it (`used_in_public_post`).
  static bool publicly_readable(const MediaRecord& media, bool used_in_public_post);

 private:
  // The owner's view: every field, with the near-duplicates.
  Result<MediaView> owner_view(MediaRecord media);

  MediaStore& store_;
  blob::BlobStore& blobs_;
  IdGenerator& ids_;
  const Clock& clock_;
  std::function<void()> on_enqueued_;
  PublicPosts public_posts_;
};

}  // namespace sp::media
