#pragma once
// Durable atomic replacement of one file: write a temporary file in the same directory, fsync it,
// rename it over the target and fsync the directory. Any failure removes the temporary file.
#include <filesystem>
#include <optional>
#include <string>

#include "strangeprompt/blob/blob_store.hpp"

namespace sp::blob {

// The extended attribute holding a blob's content type (absent on file systems without xattrs).
inline constexpr const char* kContentTypeAttr = "user.sp.content_type";

// Writes the reader's bytes to `target` (whose directory must exist) atomically and durably.
Status write_atomically(const std::filesystem::path& target, const Reader& reader,
                        const std::optional<std::string>& content_type);
// fsync(2) of a directory, so a rename or a new entry in it survives a crash.
Status sync_directory(const std::filesystem::path& dir);
// An errno-bearing I/O failure as an Error (ENOSPC/EDQUOT are kUnavailable, the rest kInternal).
Error io_error(std::string_view what, const std::filesystem::path& path, int err);

}  // namespace sp::blob
