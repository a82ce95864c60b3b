#include "logic/profile_rules.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "strangeprompt/core/strings.hpp"

namespace sp::profile {
namespace {

// Used only where the system has no tz database folder (minimal containers).
constexpr std::array<std::string_view, 24> kFallbackZones = {"UTC",
                                                             "Etc/UTC",
                                                             "Europe/London",
                                                             "Europe/Paris",
                                                             "Europe/Berlin",
                                                             "Europe/Madrid",
                                                             "Europe/Rome",
                                                             "Europe/Moscow",
                                                             "Africa/Cairo",
                                                             "Africa/Lagos",
                                                             "Asia/Dubai",
                                                             "Asia/Kolkata",
                                                             "Asia/Shanghai",
                                                             "Asia/Tokyo",
                                                             "Asia/Singapore",
                                                             "Australia/Sydney",
                                                             "Pacific/Auckland",
                                                             "America/New_York",
                                                             "America/Chicago",
                                                             "America/Denver",
                                                             "America/Los_Angeles",
                                                             "America/Sao_Paulo",
                                                             "America/Mexico_City",
                                                             "America/Toronto"};

std::string zone_folder() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string("/usr/share/zoneinfo");
}

bool is_folder(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool zone_name_chars(std::string_view name) {
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '+' || c == '-' || c == '/';
  });
}

}  // namespace

const std::vector<std::string>& notification_categories() {
  static const std::vector<std::string> categories{"follows", "likes",  "comments", "mentions",
                                                   "remixes", "digest", "product"};
  return categories;
}

bool is_profile_link(std::string_view url) {
  if (url.size() > kMaxLinkChars) return false;
  std::string_view rest;
  const std::string lower = to_lower_ascii(url.substr(0, 8));
  if (lower.rfind("https://", 0) == 0) {
    rest = url.substr(8);
  } else if (lower.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else {
    return false;
  }
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return false;
  }
  const std::size_t host_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, host_end);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  const std::size_t colon = authority.rfind(':');
  std::string_view host =
      colon != std::string_view::npos && authority.find(']') == std::string_view::npos
          ? authority.substr(0, colon)
          : authority;
  return !host.empty() && host.front() != '.' && host.front() != '-';
}

bool is_time_zone(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || !zone_name_chars(name) ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  const std::string folder = zone_folder();
  if (!is_folder(folder)) {
    return std::find(kFallbackZones.begin(), kFallbackZones.end(), name) != kFallbackZones.end();
  }
  // Files in the folder that are not zones.
  if (name.find('.') != std::string_view::npos || name == "posixrules" || name == "Factory" ||
      name == "leapseconds" || name.rfind("posix/", 0) == 0 || name.rfind("right/", 0) == 0) {
    return false;
  }
  return is_regular_file(folder + "/" + std::string(name));
}

std::string normalise_tag(std::string_view tag) {
  return to_lower_ascii(trim(tag));
}

}  // namespace sp::profile
