#pragma once
// UTC offsets of IANA zones from the system's TZif files (/usr/share/zoneinfo), without the C
// library's process-global TZ. An instant past the file's last transition uses the last
// transition's offset (the footer's POSIX rule is not evaluated; Debian's files carry
// transitions to 2037). Unknown zones and "UTC" have offset 0. Thread-safe (parsed files are
// cached).
#include <cstdint>
#include <string_view>

namespace sp::notifications {

int64_t utc_offset_ms(std::string_view zone, int64_t utc_ms);

}  // namespace sp::notifications
