#include "logic/time_zone.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace sp::notifications {
namespace {

struct Zone {
  std::vector<int64_t> transitions;  // UTC seconds
  std::vector<int32_t> offsets;      // offset (seconds) in force from each transition
  int32_t initial = 0;               // before the first transition
};

int64_t be(const std::string& d, std::size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(d[at + i]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

bool safe_name(std::string_view zone) {
  if (zone.empty() || zone.size() > 64 || zone.front() == '/' ||
      zone.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(zone.begin(), zone.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
           c == '+';
  });
}

// Parses the 64-bit (v2+) block when present, else the v1 block.
Zone parse(const std::string& d) {
  Zone z;
  if (d.size() < 44 || d.compare(0, 4, "TZif") != 0) return z;
  auto counts = [&](std::size_t at) {
    return std::vector<int64_t>{be(d, at + 20, 4), be(d, at + 24, 4), be(d, at + 28, 4),
                                be(d, at + 32, 4), be(d, at + 36, 4), be(d, at + 40, 4)};
  };
  std::size_t at = 0;
  int time_bytes = 4;
  auto c = counts(0);  // isutcnt isstdcnt leapcnt timecnt typecnt charcnt
  if (d[4] >= '2') {
    std::size_t v1 = 44 + c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    if (d.size() < v1 + 44) return z;
    at = v1;
    time_bytes = 8;
    c = counts(at);
  }
  std::size_t p = at + 44;
  const int64_t timecnt = c[3], typecnt = c[4];
  if (d.size() < p + timecnt * (time_bytes + 1) + typecnt * 6) return z;
  std::vector<int64_t> times(timecnt);
  for (int64_t i = 0; i < timecnt; ++i) times[i] = be(d, p + i * time_bytes, time_bytes);
  p += timecnt * time_bytes;
  std::vector<int> idx(timecnt);
  for (int64_t i = 0; i < timecnt; ++i) idx[i] = static_cast<unsigned char>(d[p + i]);
  p += timecnt;
  std::vector<int32_t> type_offsets(typecnt);
  for (int64_t i = 0; i < typecnt; ++i) type_offsets[i] = static_cast<int32_t>(be(d, p + i * 6, 4));
  z.initial = typecnt > 0 ? type_offsets[0] : 0;
  for (int64_t i = 0; i < timecnt; ++i) {
    if (idx[i] >= typecnt) continue;
    z.transitions.push_back(times[i]);
    z.offsets.push_back(type_offsets[idx[i]]);
  }
  return z;
}

const Zone& load(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, Zone, std::less<>> cache;
  std::lock_guard lock(mu);
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  Zone z;
  if (safe_name(name)) {
    std::ifstream in("/usr/share/zoneinfo/" + std::string(name), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    z = parse(ss.str());
  }
  return cache.emplace(std::string(name), std::move(z)).first->second;
}

}  // namespace

int64_t utc_offset_ms(std::string_view zone, int64_t utc_ms) {
  if (zone == "UTC" || zone == "Etc/UTC") return 0;
  const Zone& z = load(zone);
  const int64_t s = utc_ms >= 0 ? utc_ms / 1000 : -((-utc_ms + 999) / 1000);
  auto it = std::upper_bound(z.transitions.begin(), z.transitions.end(), s);
  if (it == z.transitions.begin()) return static_cast<int64_t>(z.initial) * 1000;
  return static_cast<int64_t>(z.offsets[(it - z.transitions.begin()) - 1]) * 1000;
}

}  // namespace sp::notifications
