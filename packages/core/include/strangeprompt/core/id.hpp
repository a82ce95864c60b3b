#pragma once
// Time-ordered 64-bit ids: 41 bits of milliseconds since 2024-01-01, 10 bits of node,
// 12 bits of sequence. Ids from one generator are strictly increasing; serialised as strings.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "strangeprompt/core/clock.hpp"

namespace sp {

class IdGenerator {
 public:
  static constexpr int64_t kEpochMs = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
  explicit IdGenerator(const Clock& clock, uint32_t node = 0)
      : clock_(clock), node_(node & 0x3ff) {}

  // Never returns the same id twice and never a smaller one, even when the wall clock steps back.
  // When the 4096 ids of a millisecond are used up it does not wait: it borrows the next
  // millisecond, so under a sustained burst ids may run slightly ahead of the clock.
  int64_t next();

  // Milliseconds since the Unix epoch encoded in an id.
  static int64_t timestamp_ms(int64_t id) { return (id >> 22) + kEpochMs; }

 private:
  const Clock& clock_;
  uint32_t node_;
  std::mutex mu_;
  int64_t last_ms_ = 0;   // guarded by mu_
  int64_t sequence_ = 0;  // guarded by mu_
};

std::string id_to_string(int64_t id);
// Parses a decimal id; nullopt for anything but 1..19 digits that fit a positive int64.
std::optional<int64_t> parse_id(std::string_view s);

}  // namespace sp
